using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Modules.Payment.BankTransfer;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>
/// Held money in the browser: Finance → Invoices lists what gateways reported for proformas that could not take it; staff
/// apply one to the client's open top-up and record another as given back, with the note the dialog asks for. (The webhook
/// that holds money is covered by the payments API tests; here the held rows are written as it writes them.)
/// </summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class HeldPaymentJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string V1 = "/api/admin/v1";

    [Fact]
    public async Task Staff_apply_held_money_to_an_open_top_up_and_record_other_held_money_as_given_back()
    {
        using var api = await App.SuperAdminClientAsync();
        var company = await api.CreateForIdAsync($"{V1}/home-companies", new { name = "Puq Held" });
        (await api.PutAsJsonAsync($"{V1}/home-companies/{company}", new
        {
            name = "Puq Held", legalName = "Puq Held sp. z o.o.", address1 = "ul. Prosta 1", city = "Warszawa", postcode = "00-001", countryCode = "PL",
            email = "billing@puq.example.test", isDefault = true,
        })).EnsureSuccessStatusCode();
        var rule = await api.PostAsJsonAsync($"{V1}/tax-rules", new
        {
            countryCode = "BE", appliesToPrivate = true, appliesToCompanyWithoutTaxId = true, appliesToCompanyWithTaxId = true,
            individualTaxRate = true, tax1Name = "VAT", tax1Rate = 23m, homeCompanyId = company,
        });
        rule.StatusCode.Should().Be(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync());
        var currency = await api.CreateForIdAsync($"{V1}/currencies", new { code = "SEK", suffix = "kr", exchangeRate = 1m, format = "SpaceComma", isDefault = false });
        var activated = await api.PostAsync($"{V1}/modules/{BankTransferModule.Key}/activate", null);
        activated.IsSuccessStatusCode.Should().BeTrue(await activated.Content.ReadAsStringAsync());
        var bank = await api.CreateForIdAsync($"{V1}/home-companies/{company}/payment-gateways", new
        {
            key = "bank_sek", moduleKey = BankTransferModule.Key, name = "Bank transfer SEK", currencies = new[] { "SEK" },
            settings = new Dictionary<string, string?> { ["accountHolder"] = "Puq Held sp. z o.o.", ["iban"] = "PL61 1090 1014 0000 0712 1981 2874" },
        });
        var client = await api.CreateForIdAsync($"{V1}/clients", new
        {
            owner = new { email = $"owner-{Guid.NewGuid():N}@example.test", password = "Owner-password-1" },
            firstName = "Lotte", lastName = "Peeters", language = "en", currencyId = currency, status = "Active",
            billingAddress = new { address1 = "Grote Markt 1", city = "Brussel", postcode = "1000", countryCode = "BE" },
        });
        var paidProforma = await api.CreateForIdAsync($"{V1}/clients/{client}/add-funds", new { amount = 33.33m });
        (await api.PostAsJsonAsync($"{V1}/invoices/{paidProforma}/payments", new { gatewayId = bank, amount = 41.00m, receivedAt = "2026-11-01", reference = "FIRST" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var openTopUp = await api.CreateForIdAsync($"{V1}/clients/{client}/add-funds", new { amount = 33.33m });
        await using (var db = App.CreateDbContext())
        {
            foreach (var (eventId, amount) in new[] { ("bank:SECOND", 41.00m), ("bank:THIRD", 12.50m) })
            {
                db.HeldPayments.Add(new HeldPayment
                {
                    PaymentGatewayId = bank, GatewayEventId = eventId, DocumentId = paidProforma, ClientId = client, Amount = amount, CurrencyCode = "SEK",
                    ReceivedAt = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), Reason = "Proforma PRO-1 is invoiced: it takes no more payments.",
                    Status = HeldPaymentStatus.Held, CreatedAt = new DateTime(2026, 11, 2, 9, 30, 0, DateTimeKind.Utc),
                });
            }
            await db.SaveChangesAsync();
        }

        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await page.GotoAsync("/admin/finance/invoices");
        var rows = page.GetByTestId("held-payment").Filter(new() { HasTextString = "Lotte Peeters" });
        await Expect(rows).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await page.CheckAndSaveAsync("invoices-held-money-light");
        await page.UseThemeAsync("dark");
        await page.CheckAndSaveAsync("invoices-held-money-dark");
        await page.UseThemeAsync("light");

        // The 41.00 goes to the open top-up, which the dialog offers first: it asks for exactly that.
        await rows.Filter(new() { HasTextString = "41" }).GetByTestId("apply-held-payment").ClickAsync();
        await Expect(page.GetByTestId("apply-held-payment-dialog")).ToBeVisibleAsync();
        await page.CheckAndSaveAsync("apply-held-payment-dialog");
        await page.GetByTestId("apply-held-payment-save").ClickAsync();
        await Expect(page.GetByTestId("apply-held-payment-dialog")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(rows).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        (await (await api.GetAsync($"{V1}/invoices/{openTopUp}")).JsonAsync()).GetProperty("status").GetString().Should().Be("Invoiced");

        // The 12.50 went back at the bank: the dialog wants to know how.
        await rows.GetByTestId("give-back-held-payment").ClickAsync();
        await Expect(page.GetByTestId("give-back-held-payment-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("give-back-save").ClickAsync();
        await Expect(page.Locator("[data-testid=error-Note]")).ToBeVisibleAsync();
        await page.GetByTestId("give-back-note").Locator("textarea").Or(page.Locator("textarea[data-testid=give-back-note]")).First.FillAsync("Sent back by transfer 2026-11-03");
        await page.GetByTestId("give-back-save").ClickAsync();
        await Expect(page.GetByTestId("give-back-held-payment-dialog")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(rows).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await using var check = App.CreateDbContext();
        (await check.HeldPayments.Where(h => h.ClientId == client).OrderBy(h => h.Amount).Select(h => h.Status).ToListAsync())
            .Should().Equal(HeldPaymentStatus.Refunded, HeldPaymentStatus.Applied);
    }
}
