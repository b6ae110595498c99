using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using PuqCloud.Modules.Payment.BankTransfer;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Refunding part of a payment from a final invoice's page in the browser: the dialog, then the credit note among the related documents.</summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class RefundJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string V1 = "/api/admin/v1";

    [Fact]
    public async Task Staff_refund_part_of_a_payment_and_the_credit_note_appears_among_the_related_documents()
    {
        using var api = await App.SuperAdminClientAsync();
        var company = await api.CreateForIdAsync($"{V1}/home-companies", new { name = "Puq Refunds" });
        (await api.PutAsJsonAsync($"{V1}/home-companies/{company}", new
        {
            name = "Puq Refunds", legalName = "Puq Refunds sp. z o.o.", address1 = "ul. Prosta 1", city = "Warszawa", postcode = "00-001", countryCode = "PL",
            email = "billing@puq.example.test", isDefault = true,
        })).EnsureSuccessStatusCode();
        var rule = await api.PostAsJsonAsync($"{V1}/tax-rules", new
        {
            countryCode = "AT", appliesToPrivate = true, appliesToCompanyWithoutTaxId = true, appliesToCompanyWithTaxId = true,
            individualTaxRate = true, tax1Name = "VAT", tax1Rate = 23m, homeCompanyId = company,
        });
        rule.StatusCode.Should().Be(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync());
        var currency = await api.CreateForIdAsync($"{V1}/currencies", new { code = "CHF", suffix = "CHF", exchangeRate = 1m, format = "SpaceComma", isDefault = false });
        var activated = await api.PostAsync($"{V1}/modules/{BankTransferModule.Key}/activate", null);
        activated.IsSuccessStatusCode.Should().BeTrue(await activated.Content.ReadAsStringAsync());
        var bank = await api.CreateForIdAsync($"{V1}/home-companies/{company}/payment-gateways", new
        {
            key = "bank_chf", moduleKey = BankTransferModule.Key, currencies = new[] { "CHF" },
            settings = new Dictionary<string, string?> { ["accountHolder"] = "Puq Refunds sp. z o.o.", ["iban"] = "PL61 1090 1014 0000 0712 1981 2874" },
        });
        var client = await api.CreateForIdAsync($"{V1}/clients", new
        {
            owner = new { email = $"owner-{Guid.NewGuid():N}@example.test", password = "Owner-password-1" },
            firstName = "Anna", lastName = "Huber", language = "en", currencyId = currency, status = "Active",
            billingAddress = new { address1 = "Ring 1", city = "Wien", postcode = "1010", countryCode = "AT" },
        });
        var proforma = await api.CreateForIdAsync($"{V1}/clients/{client}/add-funds", new { amount = 33.33m });
        var paid = await api.PostAsJsonAsync($"{V1}/invoices/{proforma}/payments", new { gatewayId = bank, amount = 41.00m, receivedAt = "2026-11-01", reference = "REFUND-E2E" });
        paid.StatusCode.Should().Be(HttpStatusCode.Created, await paid.Content.ReadAsStringAsync());
        var invoice = (await paid.JsonAsync()).GetProperty("invoiceId").GetGuid();

        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await page.GotoAsync($"/admin/finance/invoices/{invoice}");
        await Expect(page.GetByTestId("document-payment")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await page.GetByTestId("refund-payment").ClickAsync();
        await Expect(page.GetByTestId("refund-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("refund-amount").Locator("input").Or(page.Locator("input[data-testid=refund-amount]")).First.FillAsync("10");
        await page.GetByTestId("refund-save").ClickAsync();
        await Expect(page.Locator("[data-testid=error-Reason]")).ToBeVisibleAsync();
        await page.GetByTestId("refund-reason").Locator("textarea").Or(page.Locator("textarea[data-testid=refund-reason]")).First.FillAsync("Client asked for part back");
        await page.GetByTestId("refund-save").ClickAsync();
        await Expect(page.GetByTestId("refund-dialog")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("document-related-link").Filter(new() { HasTextString = "Credit note" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("document-payment-refunded")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("document-refund-reason")).ToHaveTextAsync("Client asked for part back");
        await page.CheckAndSaveAsync("invoice-refunded-light");
        await page.UseThemeAsync("dark");
        await page.CheckAndSaveAsync("invoice-refunded-dark");
    }
}
