using System.Net.Http.Json;
using Microsoft.Playwright;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Finance → Home companies and Tax rules as an admin uses them; screenshots light and dark.</summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class FinancePagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    private readonly AccessibilityFindings _accessibility = new();

    private async Task<Guid> CreateCompanyAsync(HttpClient api, string name, string country)
    {
        var created = await (await api.PostAsJsonAsync("/api/admin/v1/home-companies", new { name })).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        (await api.PutAsJsonAsync($"/api/admin/v1/home-companies/{id}", new
        {
            name, legalName = name, address1 = "1 Main Street", city = "Toronto", postcode = "M5H 2N2", countryCode = country, isDefault = created.GetProperty("isDefault").GetBoolean(),
        })).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<IPage> SignInAsync(IBrowserContext person)
    {
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        return page;
    }

    [Fact]
    public async Task Moving_a_province_rule_above_the_country_rule_changes_which_rule_applies()
    {
        using var api = await App.SuperAdminClientAsync();
        var company = await CreateCompanyAsync(api, "Maple Hosting Inc.", "CA");
        foreach (var (region, name, rate) in new[] { ((string?)null, "GST", 5m), ("CA-ON", "HST", 13m) })
        {
            (await api.PostAsJsonAsync("/api/admin/v1/tax-rules", new
            {
                countryCode = "CA", region, appliesToPrivate = true, appliesToCompanyWithoutTaxId = true, appliesToCompanyWithTaxId = true,
                individualTaxRate = true, tax1Name = name, tax1Rate = rate, homeCompanyId = company,
            })).EnsureSuccessStatusCode();
        }

        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await SignInAsync(person);
        await page.OpenFromMenuAsync("menu-finance", "menu-tax-rules", "**/admin/finance/tax-rules");
        var rows = page.GetByTestId("tax-rule-grid").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await _accessibility.CheckAsync(page, "Tax rules, light");
        // The country-wide rule above leaves the Ontario rule no client: its row says so.
        await Expect(rows.Nth(1).GetByTestId("shadow-warning")).ToBeVisibleAsync();
        await Expect(rows.Nth(0).GetByTestId("shadow-warning")).ToHaveCountAsync(0);

        await page.ChooseAsync("match-country", "Canada", filter: "Cana");
        await page.ChooseAsync("match-region", "Ontario", filter: "Ontar");
        await page.GetByTestId("match-check").ClickAsync();
        await Expect(page.GetByTestId("match-rule")).ToHaveTextAsync("Rule 1: Canada");
        await Expect(page.GetByTestId("match-taxes")).ToHaveTextAsync("GST 5.000 % = 5 %");
        await Expect(page.GetByTestId("match-company")).ToHaveTextAsync("Maple Hosting Inc.");
        await Screenshots.SaveAsync(page, "tax-rules-shadowed-light");

        // "Which rule applies?" for a client: there is none yet, and searching says so instead of breaking the page.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Client", Exact = true }).CheckAsync();
        await page.GetByTestId("match-client").FillAsync("nobody");
        await Expect(page.Locator(".mud-popover-open")).ToContainTextAsync("No client matches.");
        await _accessibility.CheckAsync(page, "Tax rules, client check, light");
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Place and client type" }).CheckAsync();
        await page.ChooseAsync("match-country", "Canada", filter: "Cana");
        await page.ChooseAsync("match-region", "Ontario", filter: "Ontar");
        await page.GetByTestId("match-check").ClickAsync();
        await Expect(page.GetByTestId("match-rule")).ToHaveTextAsync("Rule 1: Canada");

        // Ontario up: it is read first now, the warning goes and the open check shows the new match.
        await rows.Nth(1).GetByTestId("move-up").ClickAsync();
        await Expect(rows.Nth(0).GetByTestId("rule-place")).ToContainTextAsync("Ontario");
        await Expect(page.GetByTestId("shadow-warning")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("match-rule")).ToHaveTextAsync("Rule 1: Canada / Ontario");
        await Expect(page.GetByTestId("match-taxes")).ToHaveTextAsync("HST 13.000 % = 13 %");
        await Screenshots.SaveAsync(page, "tax-rules-light");

        // The order holds after a reload.
        await page.ReloadAsync();
        await Expect(rows.Nth(0).GetByTestId("rule-place")).ToContainTextAsync("Ontario", new() { Timeout = 15_000 });

        // The rule and preset dialogs, for the screenshots.
        await rows.Nth(0).GetByTestId("edit-tax-rule").ClickAsync();
        await Expect(page.GetByTestId("tax-rule-dialog")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tax1-name")).ToHaveValueAsync("HST");
        await page.SettleAsync();
        await _accessibility.CheckAsync(page, "Tax rule dialog, light", within: ".mud-dialog");
        await Screenshots.SaveAsync(page, "tax-rule-dialog-light");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("tax-rule-dialog")).ToHaveCountAsync(0);
        await page.GetByTestId("preset-eu").ClickAsync();
        await Expect(page.GetByTestId("preset-as-of")).ToContainTextAsync("2026");
        await page.SettleAsync();
        await _accessibility.CheckAsync(page, "Tax preset dialog, light", within: ".mud-dialog");
        await Screenshots.SaveAsync(page, "tax-preset-dialog-light");
        await page.GetByTestId("save-preset").ClickAsync();
        await Expect(rows).ToHaveCountAsync(2 + 54); // a Canadian company: two rules per member state (none is its home)

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(rows.First).ToBeVisibleAsync();
        await page.SettleAsync();
        await _accessibility.CheckAsync(page, "Tax rules, dark");
        await Screenshots.SaveAsync(page, "tax-rules-dark");
        await rows.Nth(0).GetByTestId("edit-tax-rule").ClickAsync();
        await Expect(page.GetByTestId("tax1-name")).ToHaveValueAsync("HST");
        await page.SettleAsync();
        await _accessibility.CheckAsync(page, "Tax rule dialog, dark", within: ".mud-dialog");
        await Screenshots.SaveAsync(page, "tax-rule-dialog-dark");
        _accessibility.ShouldBeNone();
    }

    [Fact]
    public async Task Create_a_home_company_make_it_default_and_number_its_invoices()
    {
        using var api = await App.SuperAdminClientAsync();
        await CreateCompanyAsync(api, "First Company Ltd", "CA");
        var year = DateTime.UtcNow.Year;

        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await SignInAsync(person);
        await page.OpenFromMenuAsync("menu-finance", "menu-home-companies", "**/admin/finance/home-companies");
        await Expect(page.GetByTestId("home-company-grid")).ToContainTextAsync("First Company Ltd");
        await _accessibility.CheckAsync(page, "Home companies, light");
        await page.GetByTestId("create-home-company").ClickAsync();
        await page.GetByTestId("home-company-name").FillAsync("Nordic Cloud AB");
        await page.SettleAsync();
        await _accessibility.CheckAsync(page, "New home company dialog, light", within: ".mud-dialog");
        await Screenshots.SaveAsync(page, "home-company-create-light");
        await page.GetByTestId("save-home-company").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/finance/home-companies/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("page-title")).ToHaveTextAsync("Nordic Cloud AB");
        await Expect(page.GetByTestId("default-badge")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("hc-legal-name")).ToBeVisibleAsync();
        await _accessibility.CheckAsync(page, "Home company General tab, light");

        // General: an empty address is refused next to the field; then filled, with the Default switch on.
        await page.GetByTestId("hc-default").ClickAsync();
        await page.GetByTestId("save-home-company").ClickAsync();
        await Expect(page.GetByTestId("error-Address1")).ToBeVisibleAsync();
        await page.GetByTestId("hc-legal-name").FillAsync("Nordic Cloud Aktiebolag");
        await page.GetByTestId("hc-email").FillAsync("billing@nordic.example");
        await page.GetByTestId("address1").FillAsync("Drottninggatan 1");
        await page.GetByTestId("city").FillAsync("Stockholm");
        await page.GetByTestId("postcode").FillAsync("111 51");
        await page.ChooseAsync("country", "Sweden", filter: "Swed");
        await Screenshots.SaveAsync(page, "home-company-general-light");

        // Invoice settings: the example follows what is typed.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Invoice settings" }).ClickAsync();
        await Expect(page.GetByTestId("example-invoice")).ToHaveTextAsync($"INV-{year}-00001");
        await page.GetByTestId("format-invoice").FillAsync("FV/{YEAR}/{NUMBER:4}");
        await page.NumericInput("next-invoice").FillAsync("42");
        await page.NumericInput("next-invoice").PressAsync("Tab");
        await Expect(page.GetByTestId("example-invoice")).ToHaveTextAsync($"FV/{year}/0042");
        await page.GetByTestId("format-creditnote").FillAsync("CN-{NUMBER}");
        await Expect(page.GetByTestId("example-creditnote")).ToHaveTextAsync("—", new() { Timeout = 5_000 });
        await Screenshots.SaveAsync(page, "home-company-invoice-errors-light");
        await page.GetByTestId("save-home-company").ClickAsync();
        // A yearly counter without {YEAR} would repeat numbers: refused on its row, the tab stays open.
        await Expect(page.GetByTestId("error-Numbering[2].Format")).ToContainTextAsync("{YEAR}");
        await _accessibility.CheckAsync(page, "Home company Invoice settings tab with errors, light");
        await page.GetByTestId("format-creditnote").FillAsync("CN-{YEAR}-{NUMBER}");
        await page.GetByTestId("save-home-company").ClickAsync();
        await Expect(page.GetByTestId("default-badge")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-Numbering[2].Format")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "home-company-invoice-light");

        // Saved: after a reload the company is the default and the numbering is kept.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("default-badge")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Invoice settings" }).ClickAsync();
        await Expect(page.GetByTestId("example-invoice")).ToHaveTextAsync($"FV/{year}/0042");
        await Expect(page.GetByTestId("example-creditnote")).ToHaveTextAsync($"CN-{year}-1");
        await page.GetByRole(AriaRole.Tab, new() { Name = "General" }).ClickAsync();
        await Expect(page.GetByTestId("hc-legal-name")).ToHaveValueAsync("Nordic Cloud Aktiebolag");

        // Images: a logo is saved as soon as it is uploaded.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Images" }).ClickAsync();
        await page.GetByTestId("image-logo-file").ChooseFileAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = ImageUploads.TinyPng });
        await Expect(page.GetByTestId("image-logo-preview")).ToBeVisibleAsync();
        await page.SettleAsync();
        await _accessibility.CheckAsync(page, "Home company Images tab, light");
        await Screenshots.SaveAsync(page, "home-company-images-light");

        foreach (var (tab, shot, field) in new[] { ("Email settings", "email", "hc-sender-name"), ("Tax settings", "tax", "hc-eu-vat"), ("Payment gateways", "gateways", "gateway-grid") })
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
            await Expect(page.GetByTestId(field)).ToBeVisibleAsync();
            await page.SettleAsync();
            await _accessibility.CheckAsync(page, $"Home company {tab} tab, light");
            await Screenshots.SaveAsync(page, $"home-company-{shot}-light");
        }
        await Expect(page.GetByTestId("no-payment-modules")).ToBeVisibleAsync();

        // The list: the new company holds the one default.
        await page.OpenFromMenuAsync("menu-finance", "menu-home-companies", "**/admin/finance/home-companies");
        var grid = page.GetByTestId("home-company-grid");
        await Expect(grid.Locator("tbody tr", new() { HasText = "Nordic Cloud AB" }).GetByTestId("default-badge")).ToBeVisibleAsync();
        await Expect(grid.Locator("tbody tr", new() { HasText = "First Company Ltd" }).GetByTestId("default-badge")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "home-companies-light");

        _accessibility.ShouldBeNone();
    }
}
