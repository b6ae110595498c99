using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Modules.Payment.BankTransfer;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>
/// Money in from end to end, as the people involved do it: a customer signs up in euros and asks to add 100 EUR (a proforma
/// of 123.00 with 23 % VAT), staff record the bank transfer on the client's Invoices tab (the final invoice is issued and the
/// balance grows by 100.00 net of tax), the customer orders an hourly service from the store, the test clock moves 48 hours,
/// and the customer finds the paid invoice, the hourly charges and the new balance, at desktop width and on a phone.
/// </summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class MoneyInJourneyTests(BrowserFixture browser) : BrowserTest(browser, settings: new Dictionary<string, string?>
{
    ["Clock:Mode"] = "Manual",
    ["Clock:Start"] = "2026-12-01T00:00:00Z",
})
{
    private const string V1 = "/api/admin/v1";
    private const string Password = BrowserSteps.SignUpPassword;

    [Fact]
    public async Task A_customer_tops_up_by_bank_transfer_orders_an_hourly_service_and_sees_two_days_of_charges()
    {
        await SeedCompanyAndStoreAsync();
        var email = $"nina-{Guid.NewGuid():N}@example.test";

        // The customer signs up, paying in euros; with no service yet the home page leads to the store.
        await using var customer = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await customer.NewPageAsync();
        await page.GotoAsync("/signup");
        await page.FillSignUpAsync(email, currency: "EUR");
        await page.ClickAsync("[data-testid=sign-up]");
        await Expect(page.GetByTestId("signed-in-client")).ToContainTextAsync("Nina Nowak", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("client-brand")).ToContainTextAsync("Puq Hosting Europe");
        await Expect(page.GetByTestId("order-cta")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("dashboard-balance")).ToContainTextAsync("€0.00");

        // Add funds: 100 EUR and 23 % VAT on a proforma of 123.00, paid by bank transfer with its number as the reference.
        await page.GotoAsync("/billing/add-funds");
        await Expect(page.GetByTestId("add-funds-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByTestId("add-funds-amount").FillAsync("100");
        await Expect(page.GetByTestId("preview-total")).ToContainTextAsync("€123.00", new() { Timeout = 15_000 });
        await page.GetByTestId("issue-proforma").ClickAsync();
        await page.WaitForAddressAsync(new Regex("/invoices/[0-9a-f-]{36}\\?issued=1$"), 15_000);
        await Expect(page.GetByTestId("invoice-total")).ToContainTextAsync("€123.00", new() { Timeout = 15_000 });
        var proformaNumber = (await page.Locator("h1").TextContentAsync())!.Replace("Proforma", "").Trim();
        await page.GetByTestId("pay-start").ClickAsync();
        await Expect(page.GetByTestId("pay-instructions")).ToContainTextAsync(proformaNumber, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("pay-instructions")).ToContainTextAsync("PL61 1090 1014 0000 0712 1981 2874");
        await page.AssertAccessibleAsync("The proforma with the bank's instructions, light");
        await Screenshots.SaveAsync(page, "money-in-proforma-instructions-light");

        // Staff record the transfer on the client's Invoices tab: the amount due and the only gateway come filled in.
        Guid clientId;
        await using (var db = App.CreateDbContext())
            clientId = await db.ClientMemberships.Where(m => m.ClientUser!.Email == email).Select(m => m.ClientId).SingleAsync();
        await using (var staff = await Browser.NewPersonAsync(App.ServerAddress))
        {
            var console = await staff.NewPageAsync();
            await console.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
            await console.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
            await console.GotoAsync($"/admin/clients/{clientId}");
            await console.Tab("Invoices").ClickAsync();
            await Expect(console.GetByTestId("invoice-number")).ToHaveTextAsync(proformaNumber, new() { Timeout = 15_000 });
            await console.GetByTestId("record-payment").ClickAsync();
            await Expect(console.GetByTestId("payment-due")).ToContainTextAsync("123.00");
            await console.Locator("input[data-testid=payment-reference], [data-testid=payment-reference] input").First.FillAsync(proformaNumber);
            await console.GetByTestId("record-payment-save").ClickAsync();
            await Expect(console.Locator(".mud-dialog")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
            // The proforma is invoiced and the final invoice stands beside it.
            await Expect(console.GetByTestId("invoice-kind").Filter(new() { HasTextString = "Invoice" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });

            // The customer orders below; then staff move the test clock two days on from the Scheduler.
            await page.GotoAsync("/");
            await Expect(page.GetByTestId("dashboard-balance")).ToContainTextAsync("€100.00", new() { Timeout = 15_000 });
            var serviceId = await OrderHourlyServiceAsync(page);

            await console.OpenFromMenuAsync("menu-automation", "menu-scheduler", "**/admin/automation/scheduler");
            await Expect(console.GetByTestId("test-clock-now")).ToHaveTextAsync("2026-12-01 00:00:00 UTC");
            await console.GetByTestId("test-clock-hours").FillAsync("48");
            await console.GetByTestId("test-clock-advance").ClickAsync();
            await Expect(console.GetByTestId("test-clock").GetByTestId("form-message")).ToContainTextAsync("schedule run(s)", new() { Timeout = 180_000 });
            await Expect(console.GetByTestId("test-clock-now")).ToHaveTextAsync("2026-12-03 00:00:00 UTC");
            await Expect(console.GetByTestId("test-clock-failed-run")).ToHaveCountAsync(0);

            // What billing did, read from the ledger: the service started at the first "create pending services" run (00:05)
            // and was charged 0.01 (7.44 EUR a month ÷ 744 h) for each hour begun from then to 48:00: 00:05, 01:05 … 47:05.
            await using var db = App.CreateDbContext();
            var charges = await db.LedgerEntries.Where(e => e.ServiceId == serviceId).Select(e => e.Amount).ToListAsync();
            charges.Should().HaveCount(48).And.OnlyContain(a => a == -0.01m);
            const decimal balance = 99.52m;

            await SeeTheMoneyAsync(page, serviceId, charges.Count, balance, "desktop");
            await using var phone = await Browser.NewPhonePersonAsync(App.ServerAddress);
            var small = await phone.NewPageAsync();
            await small.GotoAsync("/login");
            await small.FillAsync("#email", email);
            await small.FillAsync("#password", Password);
            await small.ClickAsync("[data-testid=sign-in]");
            await Expect(small.GetByTestId("signed-in-client")).ToContainTextAsync(email, new() { Timeout = 15_000 });
            await SeeTheMoneyAsync(small, serviceId, charges.Count, balance, "390");
        }
    }

    /// <summary>From the store: the hourly product, its monthly price, the summary with the funds check, and the order.</summary>
    private static async Task<Guid> OrderHourlyServiceAsync(IPage page)
    {
        await page.GetByTestId("order-cta-button").ClickAsync();
        await page.WaitForURLAsync("**/order");
        var card = page.GetByTestId("order-product").Filter(new() { HasText = "Cloud VPS Hourly" });
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await card.GetByTestId("order-product-link").ClickAsync();
        await page.WaitForAddressAsync(new Regex("/order/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("order-line").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("order-short")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("The hourly product's order page, light");
        await Screenshots.SaveAsync(page, "money-in-order-light");
        await page.GetByTestId("place-order").ClickAsync();
        await page.WaitForAddressAsync(new Regex("/services/[0-9a-f-]{36}$"), 15_000);
        await Expect(page.GetByTestId("service-status")).ToHaveTextAsync("Pending", new() { Timeout = 15_000 });
        return Guid.Parse(new Uri(page.Url).Segments[^1]);
    }

    /// <summary>The dashboard's balance, the paid proforma and its final invoice, the charges in Transactions, the running service.</summary>
    private static async Task SeeTheMoneyAsync(IPage page, Guid serviceId, int charges, decimal balance, string width)
    {
        var balanceText = "€" + balance.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("dashboard-balance")).ToContainTextAsync(balanceText, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("dashboard-active")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("order-cta")).ToHaveCountAsync(0);
        if (width == "390") await page.AssertFitsTheScreenAsync("Dashboard after two days");
        await Screenshots.SaveAsync(page, $"money-in-dashboard-{width}-light");

        await page.GotoAsync("/invoices");
        await Expect(page.GetByTestId("invoice-kind").Filter(new() { HasTextString = "Invoice" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        // The proforma is Invoiced and its final invoice Issued (an invoice is issued paid; it asks for nothing).
        (await page.GetByTestId("invoice-status").AllInnerTextsAsync()).Select(s => s.Trim()).Should().BeEquivalentTo(["Issued", "Invoiced"]);
        (await page.GetByTestId("invoice-paid").AllInnerTextsAsync()).Should().Equal("€123.00", "€123.00");
        if (width == "390") await page.AssertFitsTheScreenAsync("Invoices after the payment");
        await page.AssertAccessibleAsync($"Invoices after the payment at {width}, light");
        await Screenshots.SaveAsync(page, $"money-in-invoices-{width}-light");

        await page.GotoAsync("/transactions");
        await Expect(page.GetByTestId("transaction-amount").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var amounts = await page.GetByTestId("transaction-amount").AllInnerTextsAsync();
        amounts.Should().Contain(a => a.Contains("0.01")).And.Contain(a => a.Contains("100.00"));
        if (width == "390") await page.AssertFitsTheScreenAsync("Transactions after two days");
        await Screenshots.SaveAsync(page, $"money-in-transactions-{width}-light");

        await page.GotoAsync($"/services/{serviceId}");
        await Expect(page.GetByTestId("service-status")).ToHaveTextAsync("Active", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("service-cost")).ToContainTextAsync("€" + (charges * 0.01m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        if (width == "390") await page.AssertFitsTheScreenAsync("The running service");
        await Screenshots.SaveAsync(page, $"money-in-service-{width}-light");
    }


    /// <summary>
    /// What staff set up before selling (their pages have journeys of their own): the default home company in Poland with
    /// 23 % VAT for Polish clients, euros, the Bank Transfer gateway for EUR, and a visible store group with an hourly product
    /// at 7.44 EUR a month.
    /// </summary>
    private async Task SeedCompanyAndStoreAsync()
    {
        using var api = await App.SuperAdminClientAsync();
        var company = await api.CreateForIdAsync($"{V1}/home-companies", new { name = "Puq Hosting Europe" });
        (await api.PutAsJsonAsync($"{V1}/home-companies/{company}", new
        {
            name = "Puq Hosting Europe", legalName = "Puq Hosting Europe sp. z o.o.", address1 = "ul. Prosta 1", city = "Warszawa", postcode = "00-001",
            countryCode = "PL", email = "billing@puq.example.test", isDefault = true,
        })).EnsureSuccessStatusCode();
        var rule = await api.PostAsJsonAsync($"{V1}/tax-rules", new
        {
            countryCode = "PL", appliesToPrivate = true, appliesToCompanyWithoutTaxId = true, appliesToCompanyWithTaxId = true,
            individualTaxRate = true, tax1Name = "VAT", tax1Rate = 23m, homeCompanyId = company,
        });
        rule.StatusCode.Should().Be(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync());
        var euro = await api.CreateForIdAsync($"{V1}/currencies", new { code = "EUR", prefix = "€", exchangeRate = 1m, format = "CommaDot", isDefault = false });
        var activated = await api.PostAsync($"{V1}/modules/{BankTransferModule.Key}/activate", null);
        activated.IsSuccessStatusCode.Should().BeTrue(await activated.Content.ReadAsStringAsync());
        await api.CreateForIdAsync($"{V1}/home-companies/{company}/payment-gateways", new
        {
            key = "bank_eur", moduleKey = BankTransferModule.Key, currencies = new[] { "EUR" },
            settings = new Dictionary<string, string?> { ["accountHolder"] = "Puq Hosting Europe sp. z o.o.", ["iban"] = "PL61 1090 1014 0000 0712 1981 2874" },
        });

        await using var db = App.CreateDbContext();
        var now = DateTime.UtcNow;
        var product = new Product
        {
            Key = "cloud-vps-hourly", Name = new() { ["en"] = "Cloud VPS Hourly" }, Description = new() { ["en"] = "1 vCPU and 2 GB RAM, billed by the hour from your balance." },
            IsActive = true, IsVisible = true, HourlyBilling = true, CreatedAt = now, UpdatedAt = now,
        };
        var group = new ProductGroup { Key = "cloud-servers", Name = new() { ["en"] = "Cloud servers" }, IsVisible = true, CreatedAt = now, UpdatedAt = now };
        db.AddRange(product, group,
            new ProductPrice { ProductId = product.Id, CurrencyId = euro, Period = PricePeriod.Monthly, Base = 7.44m },
            new ProductGroupItem { ProductGroupId = group.Id, ProductId = product.Id, Position = 0 });
        await db.SaveChangesAsync();
    }
}
