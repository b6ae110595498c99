using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>
/// Staff credit a client, sell it an hourly-billed service with Start now, and move the test clock two days: the
/// service's Charges tab and the client's Transactions tab show every hour charged and the balance that is left.
/// The app runs on the test clock, from 1 December 2026 (744 hours: 7.44 a month is 0.0100 an hour).
/// </summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class ServicesJourneyTests(BrowserFixture browser) : BrowserTest(browser, settings: new Dictionary<string, string?>
{
    ["Clock:Mode"] = "Manual",
    ["Clock:Start"] = "2026-12-01T00:00:00Z",
})
{
    private const string V1 = "/api/admin/v1";
    private readonly AccessibilityFindings _accessibility = new();

    /// <summary>An active product billed by the hour with a monthly USD price of 7.44, offering an option group; and a USD client.</summary>
    private async Task<(Guid Client, Guid Product)> SeedAsync(HttpClient api)
    {
        var usd = (await (await api.GetAsync($"{V1}/currencies?search=USD")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        var product = await api.CreateForIdAsync($"{V1}/products", new { key = "cloud-vps" });
        (await api.PutAsJsonAsync($"{V1}/products/{product}", new { name = new { en = "Cloud VPS" }, isActive = true, isVisible = true, hourlyBilling = true, allowIdle = true }))
            .EnsureSuccessStatusCode();
        await api.CreateForIdAsync($"{V1}/products/{product}/prices", new { currencyId = usd, period = "Monthly", @base = 7.44m, uninstall = 1.5m });
        // A bigger package the service may switch to (the dialog's preview is looked at, not confirmed).
        var bigger = await api.CreateForIdAsync($"{V1}/products", new { key = "dedicated-box" });
        (await api.PutAsJsonAsync($"{V1}/products/{bigger}", new { name = new { en = "Dedicated Box" }, isActive = true, isVisible = true, hourlyBilling = true }))
            .EnsureSuccessStatusCode();
        await api.CreateForIdAsync($"{V1}/products/{bigger}/prices", new { currencyId = usd, period = "Monthly", @base = 14.88m, switchUp = 2m });
        var backups = await api.CreateForIdAsync($"{V1}/option-groups", new { key = "backups", name = new { en = "Backups" } });
        await api.CreateForIdAsync($"{V1}/option-groups/{backups}/options", new { key = "daily", name = new { en = "Daily" } });
        (await api.PostAsJsonAsync($"{V1}/products/{product}/option-groups", new { optionGroupId = backups })).EnsureSuccessStatusCode();
        var client = await api.CreateForIdAsync($"{V1}/clients", new
        {
            owner = new { email = "olga.owner@example.test", password = "Owner-password-1" },
            firstName = "Olga", lastName = "Owner", companyName = "Acme Hosting", phone = "+48 600 100 200", language = "en",
            currencyId = usd, status = "Active",
            billingAddress = new { address1 = "Długa 1", city = "Gdańsk", postcode = "80-001", countryCode = "PL", region = "PL-22" },
        });
        return (client, product);
    }

    /// <summary>
    /// axe's check and a screenshot of the page; while a dialog is open, axe checks the dialog (the page behind was
    /// checked on its own) and the screenshot is of the window (the dialog's backdrop covers the window, not the page).
    /// </summary>
    private async Task CheckAsync(IPage page, string name)
    {
        await page.SettleAsync();
        var dialogOpen = await page.Locator(".mud-dialog").CountAsync() > 0;
        await _accessibility.CheckAsync(page, name, dialogOpen ? ".mud-dialog" : null);
        if (Screenshots.Enabled && dialogOpen)
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, name + ".png") });
        else
            await Screenshots.SaveAsync(page, name);
    }

    [Fact]
    public async Task An_hourly_service_started_now_is_charged_every_hour_the_test_clock_moves()
    {
        using var api = await App.SuperAdminClientAsync();
        var (clientId, _) = await SeedAsync(api);
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        var clientPath = $"/admin/clients/{clientId}";

        // The client's Transactions tab: an empty ledger, then an adjustment of 10.00 (an empty one is refused field by field).
        await page.GotoAsync(clientPath);
        await page.Tab("Transactions").ClickAsync();
        await Expect(page.GetByTestId("client-transactions-grid-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("transactions-balance")).ToHaveTextAsync("$0.00");
        await CheckAsync(page, "services-client-transactions-empty-light");
        await page.GetByTestId("add-adjustment").ClickAsync();
        await page.GetByTestId("save-adjustment").ClickAsync();
        await Expect(page.GetByTestId("error-Amount")).ToContainTextAsync("Enter the amount");
        await Expect(page.GetByTestId("error-Reason")).ToBeVisibleAsync();
        await CheckAsync(page, "services-adjustment-dialog-errors-light");
        await page.GetByTestId("adjustment-amount").FillAsync("10.00");
        await page.GetByTestId("adjustment-reason").FillAsync("Welcome credit");
        await page.GetByTestId("save-adjustment").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("transactions-balance")).ToHaveTextAsync("$10.00");
        await Expect(page.GetByTestId("transaction-amount")).ToHaveTextAsync("+$10.0000");
        await Expect(page.GetByTestId("client-transactions-grid")).ToContainTextAsync("Welcome credit");

        // The credit limit: a negative one is refused under its field, 5.00 lets charges take 15.00 in all.
        await Expect(page.GetByTestId("transactions-credit-limit")).ToHaveTextAsync("$0.00");
        await page.GetByTestId("edit-credit-limit").ClickAsync();
        await page.GetByTestId("credit-limit-amount").FillAsync("-1");
        await page.GetByTestId("save-credit-limit").ClickAsync();
        await Expect(page.GetByTestId("error-CreditLimit")).ToContainTextAsync("cannot be negative");
        await CheckAsync(page, "services-credit-limit-dialog-errors-light");
        await page.GetByTestId("credit-limit-amount").FillAsync("5");
        await page.GetByTestId("save-credit-limit").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("transactions-credit-limit")).ToHaveTextAsync("$5.00");
        await Expect(page.GetByTestId("transactions-available")).ToHaveTextAsync("$15.00");

        // New service from the client's Services tab: the client is chosen, its currency and balance shown.
        await page.Tab("Services").ClickAsync();
        await Expect(page.GetByTestId("client-services-grid-empty")).ToContainTextAsync("no services yet");
        await CheckAsync(page, "services-client-services-empty-light");
        await page.GetByTestId("client-new-service").ClickAsync();
        await page.WaitForURLAsync($"**/admin/services/new?clientId={clientId}");
        await Expect(page.GetByTestId("service-client-balance")).ToHaveTextAsync("$10.00");
        await Expect(page.GetByTestId("service-client-currency")).ToHaveTextAsync("USD");
        await page.ChooseAsync("service-product", "Cloud VPS");
        await Expect(page.GetByTestId("service-price")).ToHaveValueAsync(new Regex("^Monthly · 7\\.44\\sUSD$"));
        await Expect(page.GetByTestId("service-option-backups")).ToHaveValueAsync("None");
        await page.GetByTestId("service-label-input").FillAsync("web-01.acme.test");
        await page.GetByTestId("service-start-now").CheckAsync();
        await CheckAsync(page, "services-new-light");
        await page.GetByTestId("save-service").ClickAsync();
        await page.WaitForAddressAsync(new Regex("/admin/services/[0-9a-f-]{36}$"));
        var servicePath = new Uri(page.Url).AbsolutePath;
        await Expect(page.GetByTestId("service-status")).ToHaveTextAsync("Active");
        await Expect(page.GetByTestId("overview-hourly-rate")).ToHaveTextAsync("$0.0100 per hour");
        await Expect(page.GetByTestId("overview-hourly-rate-basis")).ToHaveTextAsync("$7.44 ÷ 744 h");
        await Expect(page.GetByTestId("overview-client-balance")).ToHaveTextAsync("$9.99");
        await Expect(page.GetByTestId("service-terminate")).ToBeVisibleAsync();
        await CheckAsync(page, "services-service-overview-light");

        // An option for the running service: billed by the hour, nothing is charged now and the rate follows from the next hour.
        await page.GetByTestId("service-change-options").ClickAsync();
        await Expect(page.GetByTestId("change-option-backups")).ToHaveValueAsync("None");
        await page.ChooseAsync("change-option-backups", "Daily");
        await Expect(page.GetByTestId("change-options-preview")).ToContainTextAsync("Nothing is charged now");
        await CheckAsync(page, "services-change-options-dialog-light");
        await page.GetByTestId("confirm-change-options").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("overview-options")).ToContainTextAsync("Daily");

        // Another package: the dialog shows what the switch would post before it is confirmed (here it is not).
        await page.GetByTestId("service-change-package").ClickAsync();
        await page.ChooseAsync("change-package-price", "Dedicated Box");
        await Expect(page.GetByTestId("change-package-line").First).ToContainTextAsync("switch up fee");
        await Expect(page.GetByTestId("change-package-net")).ToContainTextAsync("Charged now: $2.0");
        await CheckAsync(page, "services-change-package-dialog-light");
        await page.Locator(".mud-dialog .mud-dialog-actions button", new() { HasText = "Cancel" }).ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        // Suspending says first that time a late billing run left is charged (here none: the clock has not moved).
        await page.GetByTestId("service-suspend").ClickAsync();
        await Expect(page.GetByTestId("suspend-dialog")).ToContainTextAsync("Time it used that billing has not charged yet");
        await CheckAsync(page, "services-suspend-dialog-light");
        await page.Locator(".mud-dialog .mud-dialog-actions button", new() { HasText = "Cancel" }).ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        // Two days on the test clock, from the Scheduler: billing charges each hour as it comes.
        await page.OpenFromMenuAsync("menu-automation", "menu-scheduler", "**/admin/automation/scheduler");
        await Expect(page.GetByTestId("test-clock-now")).ToHaveTextAsync("2026-12-01 00:00:00 UTC");
        await page.GetByTestId("test-clock-hours").FillAsync("48");
        await page.GetByTestId("test-clock-advance").ClickAsync();
        await Expect(page.GetByTestId("test-clock").GetByTestId("form-message")).ToContainTextAsync("schedule run(s)", new() { Timeout = 180_000 });
        await Expect(page.GetByTestId("test-clock-now")).ToHaveTextAsync("2026-12-03 00:00:00 UTC");
        await Expect(page.GetByTestId("test-clock-failed-run")).ToHaveCountAsync(0);
        await CheckAsync(page, "services-scheduler-test-clock-light");

        // The service's charges: 49 hours of 0.0100 (the first at creation, then one for each hour moved), two pages of them.
        await page.GotoAsync(servicePath);
        await Expect(page.GetByTestId("overview-charged")).ToHaveTextAsync("$0.4900");
        await Expect(page.GetByTestId("overview-client-balance")).ToHaveTextAsync("$9.51");
        await page.Tab("Charges").ClickAsync();
        var charges = page.GetByTestId("service-charges");
        await Expect(charges).ToContainTextAsync("of 49");
        await Expect(charges.GetByTestId("transaction-amount")).ToHaveCountAsync(25);
        (await charges.GetByTestId("transaction-amount").AllInnerTextsAsync()).Should().AllBe("−$0.0100");
        await CheckAsync(page, "services-service-charges-light");
        await charges.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(charges.GetByTestId("transaction-amount")).ToHaveCountAsync(24);
        (await charges.GetByTestId("transaction-amount").AllInnerTextsAsync()).Should().AllBe("−$0.0100");
        await page.Tab("History").ClickAsync();
        await Expect(page.GetByTestId("service-history")).ToContainTextAsync("Activated");
        await CheckAsync(page, "services-service-history-light");

        // The client's ledger: the same 49 charges after the credit, and 9.51 left.
        await page.GotoAsync(clientPath);
        await page.Tab("Transactions").ClickAsync();
        await Expect(page.GetByTestId("transactions-balance")).ToHaveTextAsync("$9.51");
        var ledger = page.GetByTestId("client-transactions-grid");
        await Expect(ledger).ToContainTextAsync("of 50");
        await Expect(ledger.GetByTestId("transaction-balance").First).ToHaveTextAsync("$9.5100");
        await page.ChooseAsync("transaction-type-filter", "Charge");
        await Expect(ledger).ToContainTextAsync("of 49");
        (await ledger.GetByTestId("transaction-amount").AllInnerTextsAsync()).Should().HaveCount(25).And.AllBe("−$0.0100");
        await CheckAsync(page, "services-client-transactions-light");
        await page.Tab("Services").ClickAsync();
        await Expect(page.GetByTestId("client-services-grid")).ToContainTextAsync("web-01.acme.test");

        // The lists: All services and Finance → Transactions.
        await page.OpenFromMenuAsync("menu-services-area", "menu-services", "**/admin/services");
        await Expect(page.GetByTestId("services-grid").GetByTestId("service-link")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("services-grid")).ToContainTextAsync("Acme Hosting");
        await Expect(page.GetByTestId("service-price")).ToHaveTextAsync("$7.44");
        await CheckAsync(page, "services-all-light");
        await page.OpenFromMenuAsync("menu-finance", "menu-transactions", "**/admin/finance/transactions");
        await Expect(page.GetByTestId("transactions-grid")).ToContainTextAsync("of 50");
        await CheckAsync(page, "services-finance-transactions-light");

        _accessibility.ShouldBeNone();
        var ledgerRows = (await (await api.GetAsync($"{V1}/clients/{clientId}/transactions?type=Charge&pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        ledgerRows.Should().HaveCount(49).And.OnlyContain(r => r.GetProperty("amount").GetDecimal() == -0.01m);
    }
}
