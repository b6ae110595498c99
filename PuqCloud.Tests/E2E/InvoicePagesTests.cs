using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>
/// Finance → Invoices, a document's page and the dashboard's "Money in" widget in the browser: filters kept in the
/// address, a row opening its document, the client link going to the client; light, dark and at 390 px, with screenshots.
/// </summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class InvoicePagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string V1 = "/api/admin/v1";

    /// <summary>A Polish home company billing a German private client (19 %) and a German company with a VAT ID (reverse charge), a proforma each.</summary>
    private async Task<(Guid Private, Guid Company, Guid ReverseCharge)> SeedAsync()
    {
        using var api = await App.SuperAdminClientAsync();
        var company = await api.CreateForIdAsync($"{V1}/home-companies", new { name = "Puq Polska" });
        (await api.PutAsJsonAsync($"{V1}/home-companies/{company}", new
        {
            name = "Puq Polska", legalName = "Puq Polska sp. z o.o.", address1 = "ul. Prosta 1", city = "Warszawa", postcode = "00-001", countryCode = "PL",
            email = "billing@puq.example.test", isDefault = true,
        })).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync($"{V1}/home-companies/{company}/tax-settings", new { euVatId = "PL1234567890", taxNumber = "123-456-78-90" })).EnsureSuccessStatusCode();
        var rule = await api.PostAsJsonAsync($"{V1}/tax-rules", new
        {
            countryCode = "DE", appliesToPrivate = true, appliesToCompanyWithoutTaxId = true, appliesToCompanyWithTaxId = true,
            individualTaxRate = true, tax1Name = "VAT", tax1Rate = 19m, homeCompanyId = company,
        });
        rule.StatusCode.Should().Be(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync());
        var eur = await api.CreateForIdAsync($"{V1}/currencies", new { code = "EUR", suffix = "€", exchangeRate = 1m, format = "SpaceComma", isDefault = false });

        async Task<Guid> ClientAsync(string first, string last, string? companyName, string? taxId) => await api.CreateForIdAsync($"{V1}/clients", new
        {
            owner = new { email = $"owner-{Guid.NewGuid():N}@example.test", password = "Owner-password-1" },
            firstName = first, lastName = last, companyName, taxId, language = "en", currencyId = eur, status = "Active",
            billingAddress = new { address1 = "Hauptstraße 5", city = "Berlin", postcode = "10115", countryCode = "DE" },
        });

        var hans = await ClientAsync("Hans", "Meier", null, null);
        var berlin = await ClientAsync("Greta", "Schulz", "Berlin Hosting GmbH", "DE 123 456 789");
        var privateProforma = await api.CreateForIdAsync($"{V1}/clients/{hans}/add-funds", new { amount = 100m });
        await api.CreateForIdAsync($"{V1}/clients/{hans}/add-funds", new { amount = 33.33m });
        // Reverse charge needs the VAT ID confirmed by VIES (the tests' fake checker confirms it through the task queue).
        await api.VatCheckAsync(berlin, c => c.GetProperty("confirmed").GetBoolean());
        var reverse = await api.CreateForIdAsync($"{V1}/clients/{berlin}/add-funds", new { amount = 250m });
        return (privateProforma, company, reverse);
    }

    [Fact]
    public async Task Staff_filter_the_invoices_open_a_document_and_see_it_light_dark_and_on_a_phone()
    {
        var (proforma, _, reverse) = await SeedAsync();

        await using (var person = await Browser.NewPersonAsync(App.ServerAddress))
        {
            var page = await person.NewPageAsync();
            await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
            await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
            await Expect(page.GetByTestId("money-in-unpaid-link")).ToHaveTextAsync("3 waiting for payment", new() { Timeout = 15_000 });
            await page.GetByTestId("widget-money-in").ScrollIntoViewIfNeededAsync();
            await Screenshots.SaveAsync(page, "dashboard-money-in-light");
            await page.GetByTestId("money-in-unpaid-link").ClickAsync();
            await page.WaitForURLAsync("**/admin/finance/invoices?kind=Proforma&status=Unpaid");
            var rows = page.GetByTestId("invoices-grid").Locator("tbody tr.puq-row-link");
            await Expect(rows).ToHaveCountAsync(3);

            // A search is written into the address, so the filtered list can be shared.
            await page.GetByTestId("invoice-search").FillAsync("meier");
            await Expect(rows).ToHaveCountAsync(2);
            await page.WaitForURLAsync(url => url.Contains("q=meier", StringComparison.Ordinal));
            await page.AssertAccessibleAsync("Finance → Invoices, filtered, light");
            await Screenshots.SaveAsync(page, "invoices-light");

            // The client's name goes to the client, not to the document of its row.
            await rows.First.GetByTestId("invoice-client").ClickAsync();
            await page.WaitForURLAsync("**/admin/clients/*");
            await page.GoBackAsync();
            await Expect(rows).ToHaveCountAsync(2);

            // A click anywhere else on a row opens its document (once the list has loaded over the circuit: the page came back from history).
            await Expect(page.Locator(".mud-table-loading-progress")).ToHaveCountAsync(0);
            await page.WaitForTimeoutAsync(500);
            await page.GetByTestId("invoices-grid").Locator($"tbody tr:has(a[href='/admin/finance/invoices/{proforma}']) [data-testid=invoice-total]").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/admin/finance/invoices/{proforma}$"));
            await Expect(page.GetByTestId("document-total")).ToHaveTextAsync("119,00\u00a0€");
            await Expect(page.GetByTestId("party-seller")).ToContainTextAsync("PL1234567890");
            await page.AssertAccessibleAsync("Document page, light");
            await Screenshots.SaveAsync(page, "document-light");
            // Printed, the document stands alone: no menu, header, breadcrumbs or buttons.
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await Expect(page.GetByTestId("print-document")).ToBeHiddenAsync();
            await Expect(page.Locator(".mud-drawer")).ToBeHiddenAsync();
            await Expect(page.GetByTestId("document-total")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "document-print");
            await page.EmulateMediaAsync(new() { Media = Media.Screen });

            await page.GotoInThemeAsync($"/admin/finance/invoices/{reverse}", dark: true);
            await Expect(page.GetByTestId("document-legal-note")).ToContainTextAsync("Article 196");
            await page.AssertAccessibleAsync("Reverse-charge document page, dark");
            await Screenshots.SaveAsync(page, "document-reverse-charge-dark");
            await page.GotoAsync("/admin/finance/invoices");
            await Expect(page.GetByTestId("invoices-grid").Locator("tbody tr.puq-row-link")).ToHaveCountAsync(3);
            await page.AssertAccessibleAsync("Finance → Invoices, dark");
            await Screenshots.SaveAsync(page, "invoices-dark");
            await page.GotoAsync("/admin");
            await Expect(page.GetByTestId("money-in-unpaid-link")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await page.GetByTestId("widget-money-in").ScrollIntoViewIfNeededAsync();
            await Screenshots.SaveAsync(page, "dashboard-money-in-dark");
        }

        await using (var phone = await Browser.NewPhonePersonAsync(App.ServerAddress))
        {
            var page = await phone.NewPageAsync();
            await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
            await page.GotoAsync($"/admin/finance/invoices/{proforma}");
            await Expect(page.GetByTestId("document-total")).ToHaveTextAsync("119,00\u00a0€");
            await page.AssertFitsTheScreenAsync("The document page");
            await Screenshots.SaveAsync(page, "document-390-light");
            await page.GotoAsync("/admin/finance/invoices");
            await Expect(page.GetByTestId("invoices-grid").Locator("tbody tr.puq-row-link")).ToHaveCountAsync(3);
            await page.AssertFitsTheScreenAsync("Finance → Invoices");
            await Screenshots.SaveAsync(page, "invoices-390-light");
        }
    }
}
