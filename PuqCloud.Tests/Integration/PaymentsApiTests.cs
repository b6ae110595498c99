using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Modules.Payment.BankTransfer;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

public abstract class PaymentsAppFixture(TestDatabase database) : IAsyncLifetime
{
    public PuqAppFactory App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await PuqAppFactory.StartAsync(database, services: TestPaymentModule.Register,
        settings: new Dictionary<string, string?> { ["Clock:Mode"] = "Manual", ["Clock:Start"] = ManualClockAppFixture.Start.ToString("O") });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqlitePaymentsAppFixture() : PaymentsAppFixture(TestDatabase.Sqlite);
public sealed class PostgresPaymentsAppFixture() : PaymentsAppFixture(TestDatabase.Postgres);

/// <summary>
/// Payments of proformas through the admin API and the gateway webhook: the exact ledger rows (net of tax) and the final
/// invoice of a partial then full payment, refusals that write nothing, a transfer recorded twice applied once, the Bank
/// Transfer instructions, signed webhooks, and gateway secrets stored encrypted. The test clock stands at 1 December 2026.
/// </summary>
/// <remarks>
/// One Polish home company bills German private clients with Polish VAT, 23 % (a seller below the EU's 10,000 EUR
/// distance-selling threshold charges its own country's VAT). Its gateways: a bank transfer and a card gateway (the test
/// module) taking EUR, and a bank transfer that takes only USD.
/// </remarks>
public abstract class PaymentsApiTests(PuqAppFactory app)
{
    protected const string V1 = "/api/admin/v1";
    protected const string WebhookSecret = "whsec-test-7f3a91";
    private static readonly SemaphoreSlim SetupLock = new(1, 1);

    protected PuqAppFactory App => app;

    protected sealed record Setup(HttpClient Staff, Guid Company, Guid Eur, Guid Bank, Guid Card, Guid UsdOnly);

    private Setup? _setup;

    protected async Task<Setup> SetUpAsync()
    {
        var staff = await app.SuperAdminClientAsync();
        await SetupLock.WaitAsync();
        try
        {
            await using (var db = app.CreateDbContext())
            {
                if (await db.HomeCompanies.AnyAsync(c => c.Name == "Puq Polska"))
                {
                    var company = await db.HomeCompanies.Where(c => c.Name == "Puq Polska").Select(c => c.Id).SingleAsync();
                    var gateways = await db.PaymentGateways.Where(g => g.HomeCompanyId == company).ToDictionaryAsync(g => g.Key, g => g.Id);
                    var eur = await db.Currencies.Where(c => c.Code == "EUR").Select(c => c.Id).SingleAsync();
                    return _setup = new Setup(staff, company, eur, gateways["bank_eur"], gateways["card"], gateways["bank_usd"]);
                }
            }
            var companyId = await staff.CreateForIdAsync($"{V1}/home-companies", new { name = "Puq Polska" });
            (await staff.PutAsJsonAsync($"{V1}/home-companies/{companyId}", new
            {
                name = "Puq Polska", legalName = "Puq Polska sp. z o.o.", address1 = "Prosta 1", city = "Warszawa", postcode = "00-001", countryCode = "PL",
                email = "billing@puq.example.test", isDefault = true,
            })).EnsureSuccessStatusCode();
            (await staff.PutAsJsonAsync($"{V1}/home-companies/{companyId}/tax-settings", new { euVatId = "PL1234567890" })).EnsureSuccessStatusCode();
            (await staff.PutAsJsonAsync($"{V1}/home-companies/{companyId}/invoice-settings", new
            {
                numbering = new[]
                {
                    new { documentType = "Proforma", format = "PRO/{YEAR}/{NUMBER:4}", nextNumber = 1L, resetPolicy = "Yearly" },
                    new { documentType = "Invoice", format = "FV/{YEAR}/{NUMBER:4}", nextNumber = 1L, resetPolicy = "Yearly" },
                    new { documentType = "CreditNote", format = "KOR/{YEAR}/{NUMBER:4}", nextNumber = 1L, resetPolicy = "Yearly" },
                },
                addFundsItemText = "Doładowanie salda / Add funds", refundItemText = "Zwrot / Refund", paperSize = "A4",
            })).EnsureSuccessStatusCode();
            var eurId = await staff.CreateForIdAsync($"{V1}/currencies", new { code = "EUR", suffix = "€", exchangeRate = 1m, format = "SpaceComma", isDefault = false });
            var rule = await staff.PostAsJsonAsync($"{V1}/tax-rules", new
            {
                countryCode = "DE", appliesToPrivate = true, appliesToCompanyWithoutTaxId = true, appliesToCompanyWithTaxId = true,
                individualTaxRate = true, tax1Name = "VAT", tax1Rate = 23m, homeCompanyId = companyId,
            });
            rule.StatusCode.Should().Be(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync());
            foreach (var module in new[] { BankTransferModule.Key, TestPaymentModule.Key })
            {
                var activated = await staff.PostAsync($"{V1}/modules/{module}/activate", null);
                activated.IsSuccessStatusCode.Should().BeTrue(await activated.Content.ReadAsStringAsync());
            }
            var gatewaysUrl = $"{V1}/home-companies/{companyId}/payment-gateways";
            var bank = await staff.CreateForIdAsync(gatewaysUrl, new
            {
                key = "bank_eur", moduleKey = BankTransferModule.Key, name = "Przelew / Bank transfer", currencies = new[] { "EUR" },
                settings = new Dictionary<string, string?>
                {
                    ["accountHolder"] = "Puq Polska sp. z o.o.", ["iban"] = "PL61 1090 1014 0000 0712 1981 2874", ["bic"] = "WBKPPLPP", ["bankName"] = "Santander Bank Polska",
                },
            });
            var card = await staff.CreateForIdAsync(gatewaysUrl, new
            {
                key = "card", moduleKey = TestPaymentModule.Key, currencies = new[] { "EUR" },
                settings = new Dictionary<string, string?> { ["merchant"] = "M-1", [TestPaymentModule.SecretSetting] = WebhookSecret },
            });
            var usdOnly = await staff.CreateForIdAsync(gatewaysUrl, new
            {
                key = "bank_usd", moduleKey = BankTransferModule.Key, currencies = new[] { "USD" },
                settings = new Dictionary<string, string?> { ["accountHolder"] = "Puq Polska sp. z o.o.", ["iban"] = "PL27 1140 2004 0000 3002 0135 5387" },
            });
            return _setup = new Setup(staff, companyId, eurId, bank, card, usdOnly);
        }
        finally
        {
            SetupLock.Release();
        }
    }

    protected static Task<Guid> CreateClientAsync(HttpClient staff, Guid eur) =>
        staff.CreateForIdAsync($"{V1}/clients", new
        {
            owner = new { email = $"owner-{Guid.NewGuid():N}@example.test", password = "Owner-password-1" },
            firstName = "Hans", lastName = "Meier", language = "en", currencyId = eur, status = "Active",
            billingAddress = new { address1 = "Hauptstraße 5", city = "Berlin", postcode = "10115", countryCode = "DE" },
        });

    protected static async Task<JsonElement> AddFundsAsync(HttpClient staff, Guid clientId, decimal amount)
    {
        var response = await staff.PostAsJsonAsync($"{V1}/clients/{clientId}/add-funds", new { amount });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    protected static Task<HttpResponseMessage> RecordAsync(HttpClient staff, Guid documentId, Guid gatewayId, decimal amount, string reference, string day = "2026-12-01") =>
        staff.PostAsJsonAsync($"{V1}/invoices/{documentId}/payments", new { gatewayId, amount, receivedAt = day, reference });

    /// <summary>A notification of the card gateway as the test module's gateway signs it.</summary>
    protected Task<HttpResponseMessage> WebhookAsync(Guid gatewayId, string eventId, Guid documentId, decimal amount, string? secret = WebhookSecret)
    {
        var body = JsonSerializer.Serialize(new TestPaymentModule.Notification(eventId, documentId, amount, "EUR", ManualClockAppFixture.Start, $"card {eventId}"),
            JsonSerializerOptions.Web);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/gateways/{gatewayId}/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null) request.Headers.Add(TestPaymentModule.SignatureHeader, TestPaymentModule.Sign(body, secret));
        return app.CreateClient().SendAsync(request);
    }

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    [Fact]
    public async Task A_clients_currency_changes_only_until_it_has_documents_transactions_or_services()
    {
        var (staff, _, eur, _, _, _) = await SetUpAsync();
        var usd = (await (await staff.GetAsync($"{V1}/currencies?search=USD")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        var clientId = await CreateClientAsync(staff, eur);
        Task<HttpResponseMessage> ChangeCurrencyAsync(Guid currency) => staff.PutAsJsonAsync($"{V1}/clients/{clientId}",
            new { firstName = "Hans", lastName = "Meier", language = "en", currencyId = currency, status = "Active" });

        (await ChangeCurrencyAsync(usd)).StatusCode.Should().Be(HttpStatusCode.OK, "nothing of the client is in a currency yet");
        (await ChangeCurrencyAsync(eur)).StatusCode.Should().Be(HttpStatusCode.OK);
        // An unpaid proforma: the balance is still zero, but paying it would credit euros to a dollar balance.
        await AddFundsAsync(staff, clientId, 10m);
        (await staff.BalanceAsync(clientId)).Should().Be(0m);

        var refused = await ChangeCurrencyAsync(usd);

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        (await refused.JsonAsync()).GetProperty("errors").GetProperty("currencyId")[0].GetString()
            .Should().Be("The currency can change only until the client has documents, transactions or services: they are in its currency.");
        var client = await (await staff.GetAsync($"{V1}/clients/{clientId}")).JsonAsync();
        client.GetProperty("currencyId").GetGuid().Should().Be(eur, "a refused change writes nothing");
    }

    /// <summary>
    /// The change is checked (nothing of the client is in euros yet) and held just before it is written while staff order a
    /// service at a euro price, post an adjustment or ask for funds: either that step waits for the change and is done in
    /// dollars (or refused), or the change sees it and is refused. Never a dollar client with something in euros.
    /// </summary>
    [Theory]
    [InlineData("order")]
    [InlineData("adjustment")]
    [InlineData("add-funds")]
    public async Task A_currency_change_and_a_first_order_adjustment_or_proforma_at_the_same_moment_leave_nothing_in_the_old_currency(string step)
    {
        var (staff, _, eur, _, _, _) = await SetUpAsync();
        var usd = await staff.UsdAsync();
        var clientId = await CreateClientAsync(staff, eur);
        var product = await staff.CreateForIdAsync($"{V1}/products", new { key = CatalogApiSteps.NewKey("vps") });
        (await staff.PutAsJsonAsync($"{V1}/products/{product}", new { isActive = true })).EnsureSuccessStatusCode();
        var eurPrice = await staff.CreateForIdAsync($"{V1}/products/{product}/prices", new { currencyId = eur, period = "Monthly", @base = 5m });
        var hold = CurrencyChangeGate.Arm(clientId);

        var change = staff.PutAsJsonAsync($"{V1}/clients/{clientId}",
            new { firstName = "Hans", lastName = "Meier", language = "en", currencyId = usd, status = "Active" });
        var other = await hold.WhileHeldAsync(() => step switch
        {
            "order" => staff.PostAsJsonAsync($"{V1}/services", new { clientId, productId = product, productPriceId = eurPrice, startNow = false }),
            "adjustment" => staff.PostAsJsonAsync($"{V1}/clients/{clientId}/adjustments", new { amount = 10m, reason = "Goodwill" }),
            _ => staff.PostAsJsonAsync($"{V1}/clients/{clientId}/add-funds", new { amount = 10m }),
        });
        var changed = await change;

        changed.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest);
        other.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.BadRequest);
        await using var db = App.CreateDbContext();
        var currency = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Currency!.Code).SingleAsync();
        var inCurrencies = (await db.LedgerEntries.Where(e => e.ClientId == clientId).Select(e => e.CurrencyCode).ToListAsync())
            .Concat(await db.Documents.Where(d => d.ClientId == clientId).Select(d => d.CurrencyCode).ToListAsync())
            .Concat(await db.ProductPrices.Where(p => db.Services.Any(s => s.ClientId == clientId && s.ProductPriceId == p.Id)).Select(p => p.Currency!.Code).ToListAsync())
            .ToList();
        (changed.StatusCode == HttpStatusCode.OK || other.StatusCode == HttpStatusCode.Created).Should().BeTrue("one of the two goes through");
        inCurrencies.Should().AllBe(currency,
            $"the change answered {changed.StatusCode} and the {step} {other.StatusCode}: {await other.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_client_user_adds_funds_reads_how_to_pay_and_sees_the_payment_through_the_client_api()
    {
        var (staff, _, eur, bank, card, usdOnly) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        var api = await App.OwnerApiClientAsync(clientId);

        var added = await api.PostAsJsonAsync("/api/client/v1/add-funds", new { amount = 33.33m });
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var proforma = await added.JsonAsync();
        proforma.GetProperty("total").GetDecimal().Should().Be(41.00m);
        var number = proforma.GetProperty("number").GetString()!;

        var options = await (await api.GetAsync($"/api/client/v1/invoices/{Id(proforma)}/payment-options")).JsonAsync();
        options.GetProperty("gateways").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()).Should().BeEquivalentTo([bank, card], "the USD-only gateway does not take EUR");
        options.GetProperty("gateways").EnumerateArray().Should().NotContain(g => g.GetProperty("id").GetGuid() == usdOnly);

        var pay = await api.PostAsJsonAsync($"/api/client/v1/invoices/{Id(proforma)}/pay", new { gatewayId = bank });
        pay.StatusCode.Should().Be(HttpStatusCode.OK, await pay.Content.ReadAsStringAsync());
        var instructions = (await pay.JsonAsync()).GetProperty("instructions").GetString();
        instructions.Should().Contain("PL61 1090 1014 0000 0712 1981 2874").And.Contain(number).And.Contain("41.00");
        var notAGateway = await api.PostAsJsonAsync($"/api/client/v1/invoices/{Id(proforma)}/pay", new { gatewayId = usdOnly });
        notAGateway.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await RecordAsync(staff, Id(proforma), bank, 41.00m, number)).StatusCode.Should().Be(HttpStatusCode.Created);

        var rows = await (await api.GetAsync("/api/client/v1/transactions")).JsonAsync();
        rows.GetProperty("items")[0].GetProperty("amount").GetDecimal().Should().Be(33.33m);
        var documents = await (await api.GetAsync("/api/client/v1/invoices")).JsonAsync();
        documents.GetProperty("items").EnumerateArray().Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("status").GetString()))
            .Should().BeEquivalentTo([("Invoice", "Issued"), ("Proforma", "Invoiced")]);
        (await api.PostAsJsonAsync($"/api/client/v1/invoices/{Id(proforma)}/pay", new { gatewayId = bank })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // Another client's user does not find this client's documents.
        var stranger = await App.SignUpAsync();
        var strangerApi = await App.ClientApiClientAsync(stranger.UserId, stranger.ClientId);
        (await strangerApi.GetAsync($"/api/client/v1/invoices/{Id(proforma)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await strangerApi.PostAsJsonAsync($"/api/client/v1/invoices/{Id(proforma)}/pay", new { gatewayId = bank })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Partial_payments_credit_their_net_on_the_running_total_never_more_than_the_document_sells()
    {
        var (staff, _, eur, bank, _, _) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        // 5.00 + 23 % VAT = 6.15 EUR. 1.84 × 5.00 / 6.15 = 1.4959… rounds up to 1.50: payment by payment, three of them
        // credited 4.50 for 5.52 paid, of which 4.4878… is the net part.
        var proformaId = Id(await AddFundsAsync(staff, clientId, 5.00m));
        decimal[] expected = [1.50m, 1.49m, 1.50m, 0.51m];
        for (var i = 0; i < 3; i++)
        {
            var paid = await RecordAsync(staff, proformaId, bank, 1.84m, $"PART {i + 1}");
            paid.StatusCode.Should().Be(HttpStatusCode.Created, await paid.Content.ReadAsStringAsync());
            (await paid.JsonAsync()).GetProperty("payment").GetProperty("netAmount").GetDecimal().Should().Be(expected[i]);
        }
        (await staff.BalanceAsync(clientId)).Should().Be(4.49m, "5.52 of 6.15 paid is 4.4878… of the 5.00 net, to the cent");

        // The rest completes the document: the credits add up to its 5.00.
        var last = await RecordAsync(staff, proformaId, bank, 0.63m, "PART 4");
        last.StatusCode.Should().Be(HttpStatusCode.Created, await last.Content.ReadAsStringAsync());
        (await last.JsonAsync()).GetProperty("payment").GetProperty("netAmount").GetDecimal().Should().Be(expected[3]);
        (await staff.BalanceAsync(clientId)).Should().Be(5.00m);
    }

    [Fact]
    public async Task A_partial_then_a_full_payment_credit_the_balance_net_of_tax_and_the_last_one_issues_the_final_invoice()
    {
        var (staff, company, eur, bank, _, _) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        // 33.33 + 23 % VAT (7.6659 → 7.67) = 41.00 EUR.
        var proforma = await AddFundsAsync(staff, clientId, 33.33m);
        (proforma.GetProperty("subtotal").GetDecimal(), proforma.GetProperty("taxTotal").GetDecimal(), proforma.GetProperty("total").GetDecimal())
            .Should().Be((33.33m, 7.67m, 41.00m));
        var proformaId = Id(proforma);

        // 20.00 of 41.00: net = 20.00 × 33.33 / 41.00 = 16.2585… → 16.26, the tax part 3.74.
        var first = await RecordAsync(staff, proformaId, bank, 20.00m, "PRO/2026 0001 part 1");
        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var firstBody = await first.JsonAsync();
        firstBody.GetProperty("duplicate").GetBoolean().Should().BeFalse();
        firstBody.GetProperty("invoiceId").ValueKind.Should().Be(JsonValueKind.Null);
        var payment = firstBody.GetProperty("payment");
        (payment.GetProperty("amount").GetDecimal(), payment.GetProperty("netAmount").GetDecimal()).Should().Be((20.00m, 16.26m));
        payment.GetProperty("gatewayEventId").GetString().Should().Be("bank:PRO/20260001PART1:20:2026-12-01");
        payment.GetProperty("gatewayName").GetString().Should().Be("Przelew / Bank transfer");
        payment.GetProperty("amountText").GetString().Should().Be("20,00\u00a0€");
        (await staff.BalanceAsync(clientId)).Should().Be(16.26m);
        var partly = await (await staff.GetAsync($"{V1}/invoices/{proformaId}")).JsonAsync();
        (partly.GetProperty("status").GetString(), partly.GetProperty("amountPaid").GetDecimal()).Should().Be(("Unpaid", 20.00m));

        // More than the 21.00 still due is refused under the amount, and nothing moves.
        var over = await RecordAsync(staff, proformaId, bank, 21.01m, "too much");
        over.StatusCode.Should().Be(HttpStatusCode.BadRequest, await over.Content.ReadAsStringAsync());
        (await over.JsonAsync()).GetProperty("errors").GetProperty("amount")[0].GetString().Should().Be("At most 21.00 EUR is still due.");
        var missing = await RecordAsync(staff, proformaId, bank, 21.00m, " ");
        (await missing.JsonAsync()).GetProperty("errors").GetProperty("reference")[0].GetString().Should().Be("Enter the transfer's reference as the statement shows it.");
        // At 00:00 UTC on 1 December, 2 December has begun nowhere yet (UTC+14 is at 14:00 on the 1st).
        var ahead = await RecordAsync(staff, proformaId, bank, 21.00m, "ahead", "2026-12-02");
        (await ahead.JsonAsync()).GetProperty("errors").GetProperty("receivedAt")[0].GetString().Should().Be("The day received cannot be in the future.");

        long invoiceNumber;
        await using (var db = App.CreateDbContext())
            invoiceNumber = await db.DocumentNumberSeries.Where(s => s.HomeCompanyId == company && s.DocumentType == DocumentType.Invoice).Select(s => s.NextNumber).SingleAsync();

        // The rest, 21.00, completes it: the credits must add up to the subtotal, so it gets 33.33 − 16.26 = 17.07 (tax part 3.93).
        var second = await RecordAsync(staff, proformaId, bank, 21.00m, "PRO/2026/0001 part 2", "2026-11-30");
        second.StatusCode.Should().Be(HttpStatusCode.Created, await second.Content.ReadAsStringAsync());
        var secondBody = await second.JsonAsync();
        secondBody.GetProperty("payment").GetProperty("netAmount").GetDecimal().Should().Be(17.07m);
        secondBody.GetProperty("invoiceNumber").GetString().Should().Be($"FV/2026/{invoiceNumber:D4}");
        (await staff.BalanceAsync(clientId)).Should().Be(33.33m, "the whole subtotal, to the cent; the VAT is the tax office's");

        var rows = await staff.TransactionsAsync(clientId);
        rows.Select(r => (r.GetProperty("type").GetString(), r.GetProperty("amount").GetDecimal(), r.GetProperty("gross").GetDecimal(), r.GetProperty("net").GetDecimal(),
                r.GetProperty("fees").GetDecimal(), r.GetProperty("balanceBefore").GetDecimal(), r.GetProperty("balanceAfter").GetDecimal()))
            .Should().Equal(("Payment", 16.26m, 20.00m, 16.26m, 3.74m, 0m, 16.26m), ("Payment", 17.07m, 21.00m, 17.07m, 3.93m, 16.26m, 33.33m));
        rows[0].GetProperty("description").GetString().Should().Be($"Payment of {proforma.GetProperty("number").GetString()} via Przelew / Bank transfer (PRO/2026 0001 part 1)");

        var paid = await (await staff.GetAsync($"{V1}/invoices/{proformaId}")).JsonAsync();
        (paid.GetProperty("status").GetString(), paid.GetProperty("amountPaid").GetDecimal()).Should().Be(("Invoiced", 41.00m));
        var invoice = await (await staff.GetAsync($"{V1}/invoices/{secondBody.GetProperty("invoiceId").GetGuid()}")).JsonAsync();
        invoice.GetProperty("kind").GetString().Should().Be("Invoice");
        invoice.GetProperty("status").GetString().Should().Be("Issued");
        invoice.GetProperty("amountPaid").GetDecimal().Should().Be(41.00m, "the proforma's payments settle its final invoice");
        invoice.GetProperty("number").GetString().Should().Be($"FV/2026/{invoiceNumber:D4}");
        invoice.GetProperty("relatedDocumentId").GetGuid().Should().Be(proformaId);
        invoice.Time("issuedAt").Should().Be(ManualClockAppFixture.Start, "the issue date is the numbering date, on the billing clock");
        invoice.GetProperty("dueAt").ValueKind.Should().Be(JsonValueKind.Null);
        var line = invoice.GetProperty("lines").EnumerateArray().Should().ContainSingle().Subject;
        (line.GetProperty("description").GetString(), line.GetProperty("quantity").GetDecimal(), line.GetProperty("unitPrice").GetDecimal(), line.GetProperty("amount").GetDecimal())
            .Should().Be(("Doładowanie salda / Add funds", 1m, 33.33m, 33.33m));
        var tax = invoice.GetProperty("taxes").EnumerateArray().Should().ContainSingle().Subject;
        (tax.GetProperty("name").GetString(), tax.GetProperty("rate").GetDecimal(), tax.GetProperty("taxableBase").GetDecimal(), tax.GetProperty("amount").GetDecimal())
            .Should().Be(("VAT", 23m, 33.33m, 7.67m));
        (invoice.GetProperty("subtotal").GetDecimal(), invoice.GetProperty("taxTotal").GetDecimal(), invoice.GetProperty("total").GetDecimal())
            .Should().Be((33.33m, 7.67m, 41.00m));
        invoice.GetProperty("client").GetProperty("name").GetString().Should().Be("Hans Meier");
        invoice.GetProperty("client").GetProperty("countryCode").GetString().Should().Be("DE");
        invoice.GetProperty("company").GetProperty("name").GetString().Should().Be("Puq Polska sp. z o.o.");
        invoice.GetProperty("company").GetProperty("vatId").GetString().Should().Be("PL1234567890");

        var payments = await (await staff.GetAsync($"{V1}/invoices/{proformaId}/payments")).JsonAsync();
        payments.EnumerateArray().Select(p => (p.GetProperty("amount").GetDecimal(), p.GetProperty("netAmount").GetDecimal(), p.Time("receivedAt")))
            .Should().Equal((21.00m, 17.07m, new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc)), (20.00m, 16.26m, ManualClockAppFixture.Start));
        (await (await staff.GetAsync($"{V1}/invoices/{invoice.GetProperty("id").GetGuid()}/payments")).JsonAsync()).GetArrayLength()
            .Should().Be(2, "an invoice shows the payments of its proforma");

        // The same transfer recorded again is the first payment (200, duplicate), not a second one; a new one is refused: nothing is due.
        var again = await RecordAsync(staff, proformaId, bank, 20.00m, "pro/2026  0001 PART 1");
        again.StatusCode.Should().Be(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        var againBody = await again.JsonAsync();
        againBody.GetProperty("duplicate").GetBoolean().Should().BeTrue();
        againBody.GetProperty("payment").GetProperty("id").GetGuid().Should().Be(payment.GetProperty("id").GetGuid());
        (await RecordAsync(staff, proformaId, bank, 1.00m, "another")).StatusCode.Should().Be(HttpStatusCode.Conflict, "an invoiced proforma takes no payments");
        (await staff.TransactionsAsync(clientId)).Should().HaveCount(2);
        await using (var db = App.CreateDbContext())
        {
            (await db.Payments.CountAsync(p => p.ClientId == clientId)).Should().Be(2);
            (await db.Documents.CountAsync(d => d.ClientId == clientId && d.Kind == DocumentType.Invoice)).Should().Be(1);
        }
    }

    /// <summary>
    /// A bank transfer's event is its reference, amount and day: a second transfer alike in all three, recorded on another
    /// proforma, was answered as the first one seen again, and 50.00 received was never credited. It is refused under its
    /// reference, naming the proforma the first went to; the same transfer recorded again on its own proforma stays a duplicate.
    /// </summary>
    [Fact]
    public async Task A_second_transfer_alike_recorded_on_another_proforma_is_refused_not_taken_as_a_duplicate()
    {
        var (staff, _, eur, bank, _, _) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        var first = await AddFundsAsync(staff, clientId, 40.65m);
        var second = await AddFundsAsync(staff, clientId, 40.65m);

        (await RecordAsync(staff, Id(first), bank, 50m, "ACME LTD")).StatusCode.Should().Be(HttpStatusCode.Created);
        var again = await RecordAsync(staff, Id(first), bank, 50m, "ACME LTD");
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the same transfer recorded twice is applied once");
        (await again.JsonAsync()).GetProperty("duplicate").GetBoolean().Should().BeTrue();

        var other = await RecordAsync(staff, Id(second), bank, 50m, "ACME LTD");
        other.StatusCode.Should().Be(HttpStatusCode.BadRequest, await other.Content.ReadAsStringAsync());
        (await other.JsonAsync()).GetProperty("errors").GetProperty("reference")[0].GetString()
            .Should().Be($"A payment with this reference, amount and day was recorded on {first.GetProperty("number").GetString()} already. If this is another one, enter a reference of its own (the bank's transaction id, say).");
        (await RecordAsync(staff, Id(second), bank, 50m, "ACME LTD 2")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await staff.BalanceAsync(clientId)).Should().Be(81.30m, "both transfers credited, net of tax");
    }

    /// <summary>
    /// A proforma expires when it was not paid in time, but a payment may still arrive on it: a gateway's notification
    /// delivered late, a transfer that took days. The money was taken, so it is applied: the proforma is reopened, paid and
    /// invoiced. (It was refused before, and nothing recorded the money anywhere.)
    /// </summary>
    [Fact]
    public async Task A_payment_that_arrives_on_an_expired_proforma_reopens_it_and_is_applied()
    {
        var (staff, _, eur, bank, card, _) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        var byTransfer = Id(await AddFundsAsync(staff, clientId, 40.65m));
        var byCard = Id(await AddFundsAsync(staff, clientId, 40.65m));
        await using (var db = App.CreateDbContext())
            await db.Documents.Where(d => d.Id == byTransfer || d.Id == byCard).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DocumentStatus.Expired));

        var late = await RecordAsync(staff, byTransfer, bank, 50m, "LATE TRANSFER");
        late.StatusCode.Should().Be(HttpStatusCode.Created, await late.Content.ReadAsStringAsync());
        (await WebhookAsync(card, "evt-late-1", byCard, 50m)).StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var id in new[] { byTransfer, byCard })
            (await (await staff.GetAsync($"{V1}/invoices/{id}")).JsonAsync()).GetProperty("status").GetString().Should().Be("Invoiced");
        (await staff.BalanceAsync(clientId)).Should().Be(81.30m);
    }

    [Fact]
    public async Task A_currency_the_gateway_does_not_take_is_refused_and_nothing_is_written()
    {
        var (staff, _, eur, _, _, usdOnly) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        var proforma = await AddFundsAsync(staff, clientId, 100m);

        var refused = await RecordAsync(staff, Id(proforma), usdOnly, 123.00m, "REF-1");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        (await refused.JsonAsync()).GetProperty("errors").GetProperty("gatewayId")[0].GetString().Should().Be("Bank Transfer does not take EUR: it takes USD.");
        var instructions = await staff.PostAsync($"{V1}/invoices/{Id(proforma)}/pay-instructions?gatewayId={usdOnly}", null);
        instructions.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await staff.BalanceAsync(clientId)).Should().Be(0m);
        (await staff.TransactionsAsync(clientId)).Should().BeEmpty();
        var read = await (await staff.GetAsync($"{V1}/invoices/{Id(proforma)}")).JsonAsync();
        (read.GetProperty("status").GetString(), read.GetProperty("amountPaid").GetDecimal()).Should().Be(("Unpaid", 0m));
        await using var db = App.CreateDbContext();
        (await db.Payments.CountAsync(p => p.ClientId == clientId)).Should().Be(0);
        var options = await (await staff.GetAsync($"{V1}/invoices/{Id(proforma)}/payment-options")).JsonAsync();
        options.GetProperty("gateways").EnumerateArray().Select(g => g.GetProperty("key").GetString()).Should().Equal("bank_eur", "card");
        options.GetProperty("amountDue").GetDecimal().Should().Be(123.00m);
    }

    [Fact]
    public async Task Bank_transfer_instructions_name_the_amount_the_account_and_the_document_number_as_the_reference()
    {
        var (staff, _, eur, bank, card, _) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        var proforma = await AddFundsAsync(staff, clientId, 33.33m);
        var number = proforma.GetProperty("number").GetString();

        var response = await staff.PostAsync($"{V1}/invoices/{Id(proforma)}/pay-instructions?gatewayId={bank}", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var start = await response.JsonAsync();
        start.GetProperty("amountText").GetString().Should().Be("41,00\u00a0€");
        start.GetProperty("instructions").GetString().Should().Be(
            "Please transfer 41.00 EUR to:\nAccount holder: Puq Polska sp. z o.o.\nIBAN / account number: PL61 1090 1014 0000 0712 1981 2874\n" +
            $"BIC / SWIFT: WBKPPLPP\nBank: Santander Bank Polska\nReference (transfer title): {number}".ReplaceLineEndings());
        start.GetProperty("redirectUrl").ValueKind.Should().Be(JsonValueKind.Null);
        var cardStart = await (await staff.PostAsync($"{V1}/invoices/{Id(proforma)}/pay-instructions?gatewayId={card}", null)).JsonAsync();
        cardStart.GetProperty("redirectUrl").GetString().Should().Be($"https://pay.example.test/{Id(proforma)}");

        // A bank transfer has no webhook.
        var webhook = await WebhookAsync(bank, "evt-bank", Id(proforma), 41.00m);
        webhook.StatusCode.Should().Be(HttpStatusCode.BadRequest, await webhook.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_webhook_pays_a_bad_signature_is_refused_and_the_gateway_secret_is_stored_encrypted()
    {
        var (staff, company, eur, _, card, _) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        var proforma = await AddFundsAsync(staff, clientId, 100m);

        (await WebhookAsync(card, "evt-forged", Id(proforma), 123.00m, "not-the-secret")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await WebhookAsync(card, "evt-unsigned", Id(proforma), 123.00m, null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await staff.BalanceAsync(clientId)).Should().Be(0m);

        var paid = await WebhookAsync(card, $"evt-{Guid.NewGuid():N}", Id(proforma), 123.00m);
        paid.StatusCode.Should().Be(HttpStatusCode.OK, await paid.Content.ReadAsStringAsync());
        (await paid.JsonAsync()).GetProperty("duplicate").GetBoolean().Should().BeFalse();
        (await staff.BalanceAsync(clientId)).Should().Be(100.00m);
        (await (await staff.GetAsync($"{V1}/invoices/{Id(proforma)}")).JsonAsync()).GetProperty("status").GetString().Should().Be("Invoiced");

        // The secret is never in clear in the database nor in the API; the webhook above proves it is decrypted for the module.
        await using var db = App.CreateDbContext();
        var stored = await db.PaymentGatewaySettings.SingleAsync(s => s.PaymentGatewayId == card && s.Key == TestPaymentModule.SecretSetting);
        stored.IsSecret.Should().BeTrue();
        stored.Value.Should().NotBeNullOrEmpty().And.NotContain(WebhookSecret);
        var gateways = await (await staff.GetAsync($"{V1}/home-companies/{company}/payment-gateways")).Content.ReadAsStringAsync();
        gateways.Should().NotContain(WebhookSecret);
        var listed = JsonDocument.Parse(gateways).RootElement.EnumerateArray().Single(g => g.GetProperty("id").GetGuid() == card);
        var secretField = listed.GetProperty("settings").EnumerateArray().Single(f => f.GetProperty("key").GetString() == TestPaymentModule.SecretSetting);
        (secretField.GetProperty("isSet").GetBoolean(), secretField.GetProperty("value").ValueKind).Should().Be((true, JsonValueKind.Null));
        listed.GetProperty("currencies").EnumerateArray().Select(c => c.GetString()).Should().Equal("EUR");
    }

    /// <summary>
    /// A gateway switched off (retired, paused while moving providers, or stopped after a leaked secret) is no longer
    /// offered, but the payment of a checkout begun before is not lost: it refused every delivery (409) while the provider
    /// held the client's money. It is held for staff, who apply it.
    /// </summary>
    [Fact]
    public async Task A_switched_off_gateway_s_payment_is_held_for_staff_not_refused()
    {
        var (staff, company, eur, _, _, _) = await SetUpAsync();
        var retired = await staff.CreateForIdAsync($"{V1}/home-companies/{company}/payment-gateways", new
        {
            key = $"card_{Guid.NewGuid():N}"[..20], moduleKey = TestPaymentModule.Key, currencies = new[] { "EUR" },
            settings = new Dictionary<string, string?> { ["merchant"] = "M-2", [TestPaymentModule.SecretSetting] = WebhookSecret },
        });
        var clientId = await CreateClientAsync(staff, eur);
        var proforma = await AddFundsAsync(staff, clientId, 100m);
        (await staff.PutAsJsonAsync($"{V1}/home-companies/{company}/payment-gateways/{retired}", new { isEnabled = false })).EnsureSuccessStatusCode();

        var paid = await WebhookAsync(retired, $"evt-{Guid.NewGuid():N}", Id(proforma), 123.00m);
        paid.StatusCode.Should().Be(HttpStatusCode.OK, await paid.Content.ReadAsStringAsync());
        (await staff.BalanceAsync(clientId)).Should().Be(0m, "nothing is applied unseen");
        var held = (await HeldAsync(staff, clientId)).Should().ContainSingle().Which;
        held.GetProperty("reason").GetString().Should().Contain("switched off");
    }

    private async Task<JsonElement[]> HeldAsync(HttpClient staff, Guid clientId, bool openOnly = true)
    {
        var response = await staff.GetAsync($"{V1}/held-payments?clientId={clientId}&openOnly={openOnly}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).EnumerateArray().ToArray();
    }

    private static async Task<JsonElement> ProformaSeriesAsync(HttpClient staff, Guid company) =>
        (await (await staff.GetAsync($"{V1}/home-companies/{company}")).JsonAsync()).GetProperty("numbering").EnumerateArray()
            .Single(n => n.GetProperty("documentType").GetString() == "Proforma");

    [Fact]
    public async Task A_counter_the_form_showed_before_billing_moved_it_is_kept_and_never_set_back_onto_numbers_issued()
    {
        var (staff, company, eur, _, _, _) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        var series = await ProformaSeriesAsync(staff, company);
        var shown = series.GetProperty("nextNumber").GetInt64();
        var first = (await AddFundsAsync(staff, clientId, 10m)).GetProperty("number").GetString();
        await AddFundsAsync(staff, clientId, 10m);

        // The Invoice settings tab, loaded before those two proformas, saves a new paper size: the counter it shows is untouched.
        var format = series.GetProperty("format").GetString()!;
        var policy = Enum.Parse<NumberResetPolicy>(series.GetProperty("resetPolicy").GetString()!);
        await App.SendAsSystemAsync(new UpdateHomeCompanyInvoiceSettings(company, [new NumberSeriesInput(DocumentType.Proforma, format, shown, policy, ShownNextNumber: shown)],
            "Doładowanie salda / Add funds", "Zwrot / Refund", PaperSize.Letter));
        (await ProformaSeriesAsync(staff, company)).GetProperty("nextNumber").GetInt64().Should().Be(shown + 2, "billing moved it after the form loaded");

        // Set back by hand onto a number issued: refused under the counter, and nothing of the change is written.
        var back = await staff.PutAsJsonAsync($"{V1}/home-companies/{company}/invoice-settings", new
        {
            numbering = new[] { new { documentType = "Proforma", nextNumber = shown } }, paperSize = "A4",
        });
        back.StatusCode.Should().Be(HttpStatusCode.BadRequest, await back.Content.ReadAsStringAsync());
        (await back.JsonAsync()).GetProperty("errors").GetProperty("numbering[0].nextNumber")[0].GetString()
            .Should().Be($"{first} is issued already: set a next number no document has yet (the counter stands at {shown + 2}).");
        var after = await (await staff.GetAsync($"{V1}/home-companies/{company}")).JsonAsync();
        after.GetProperty("paperSize").GetString().Should().Be("Letter");
        (await staff.PutAsJsonAsync($"{V1}/home-companies/{company}/invoice-settings", new { paperSize = "A4" })).EnsureSuccessStatusCode();

        var third = (await AddFundsAsync(staff, clientId, 10m)).GetProperty("number").GetString()!;
        long.Parse(third[^4..]).Should().Be(shown + 2, "the next proforma takes the next number in a row");

        // Jumped ahead by hand and used there; set back into the gap below, the counter would reach that number again.
        async Task<HttpResponseMessage> SetAsync(long next) => await staff.PutAsJsonAsync($"{V1}/home-companies/{company}/invoice-settings", new
        {
            numbering = new[] { new { documentType = "Proforma", nextNumber = next } },
        });
        (await SetAsync(shown + 10)).EnsureSuccessStatusCode();
        var ahead = (await AddFundsAsync(staff, clientId, 10m)).GetProperty("number").GetString()!;
        var gap = await SetAsync(shown + 4);
        gap.StatusCode.Should().Be(HttpStatusCode.BadRequest, await gap.Content.ReadAsStringAsync());
        (await gap.JsonAsync()).GetProperty("errors").GetProperty("numbering[0].nextNumber")[0].GetString()
            .Should().Be($"{ahead} is issued already: set a next number no document has yet (the counter stands at {shown + 11}).");
        // A jump made by mistake and not used yet may be taken back.
        (await SetAsync(shown + 20)).EnsureSuccessStatusCode();
        (await SetAsync(shown + 11)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_gateway_payment_on_a_paid_proforma_is_held_once_not_refused_and_staff_apply_it_to_another_proforma()
    {
        var (staff, _, eur, _, card, _) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        var first = Id(await AddFundsAsync(staff, clientId, 100m));
        (await WebhookAsync(card, $"evt-{Guid.NewGuid():N}", first, 123.00m)).StatusCode.Should().Be(HttpStatusCode.OK);

        // The client paid again in a second tab: the gateway took the money, so the host keeps it, whatever the delivery count.
        var again = $"evt-{Guid.NewGuid():N}";
        var deliveries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WebhookAsync(card, again, first, 123.00m)));
        var receipts = new List<JsonElement>();
        foreach (var delivery in deliveries)
        {
            delivery.StatusCode.Should().Be(HttpStatusCode.OK, await delivery.Content.ReadAsStringAsync());
            receipts.Add(await delivery.JsonAsync());
        }
        receipts.Should().OnlyContain(r => r.GetProperty("paymentId").ValueKind == JsonValueKind.Null);
        receipts.Select(r => r.GetProperty("heldPaymentId").GetGuid()).Distinct().Should().ContainSingle();
        receipts.Count(r => !r.GetProperty("duplicate").GetBoolean()).Should().Be(1);
        (await staff.BalanceAsync(clientId)).Should().Be(100.00m, "held money is in no balance");
        var held = (await HeldAsync(staff, clientId)).Should().ContainSingle().Subject;
        (held.GetProperty("amount").GetDecimal(), held.GetProperty("status").GetString(), held.GetProperty("gatewayEventId").GetString()).Should().Be((123.00m, "Held", again));
        held.GetProperty("reason").GetString().Should().Contain("invoiced");
        Guid owner;
        await using (var db = App.CreateDbContext())
            owner = await db.ClientMemberships.Where(m => m.ClientId == clientId && m.IsOwner).Select(m => m.ClientUserId).SingleAsync();
        var seen = (await App.SendAsClientAsync(owner, new ListMyHeldPayments(clientId))).Should().ContainSingle("the client sees that the money came").Subject;
        (seen.AmountText, seen.GatewayName, seen.DocumentId).Should().Be(("123,00\u00a0€", "Test Payment", first));

        // Staff issue a top-up for it and apply the money there: a payment under the gateway's event id, the final invoice, the balance.
        var second = await AddFundsAsync(staff, clientId, 100m);
        var heldId = held.GetProperty("id").GetGuid();
        var applied = await staff.PostAsJsonAsync($"{V1}/held-payments/{heldId}/apply", new { documentId = Id(second) });
        applied.StatusCode.Should().Be(HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        var recorded = await applied.JsonAsync();
        (recorded.GetProperty("payment").GetProperty("gatewayEventId").GetString(), recorded.GetProperty("payment").GetProperty("netAmount").GetDecimal()).Should().Be((again, 100.00m));
        recorded.GetProperty("invoiceId").ValueKind.Should().Be(JsonValueKind.String);
        (await staff.BalanceAsync(clientId)).Should().Be(200.00m);
        (await HeldAsync(staff, clientId)).Should().BeEmpty();
        (await App.SendAsClientAsync(owner, new ListMyHeldPayments(clientId))).Should().BeEmpty();
        var closed = (await HeldAsync(staff, clientId, openOnly: false)).Should().ContainSingle().Subject;
        (closed.GetProperty("status").GetString(), closed.GetProperty("appliedToDocumentNumber").GetString()).Should().Be(("Applied", second.GetProperty("number").GetString()));

        // Once applied: a late delivery is still a duplicate, and neither a second apply nor a give-back moves anything.
        var late = await WebhookAsync(card, again, first, 123.00m);
        late.StatusCode.Should().Be(HttpStatusCode.OK, await late.Content.ReadAsStringAsync());
        var lateReceipt = await late.JsonAsync();
        (lateReceipt.GetProperty("duplicate").GetBoolean(), lateReceipt.GetProperty("documentId").GetGuid()).Should().Be((true, Id(second)), "the payment it became is on the top-up");
        var third = await AddFundsAsync(staff, clientId, 100m);
        (await staff.PostAsJsonAsync($"{V1}/held-payments/{heldId}/apply", new { documentId = Id(third) })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await staff.PostAsJsonAsync($"{V1}/held-payments/{heldId}/give-back", new { note = "refund re_1" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await staff.BalanceAsync(clientId)).Should().Be(200.00m);
    }

    [Fact]
    public async Task Held_money_is_applied_once_when_two_people_apply_it_at_once_and_given_back_only_with_a_note()
    {
        var (staff, _, eur, _, card, _) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        var proforma = await AddFundsAsync(staff, clientId, 100m);
        // More than is due: the proforma is left as it was, and the money is held.
        var over = await WebhookAsync(card, $"evt-{Guid.NewGuid():N}", Id(proforma), 200.00m);
        over.StatusCode.Should().Be(HttpStatusCode.OK, await over.Content.ReadAsStringAsync());
        var unpaid = await (await staff.GetAsync($"{V1}/invoices/{Id(proforma)}")).JsonAsync();
        (unpaid.GetProperty("status").GetString(), unpaid.GetProperty("amountPaid").GetDecimal()).Should().Be(("Unpaid", 0m));
        var heldId = (await over.JsonAsync()).GetProperty("heldPaymentId").GetGuid();
        (await HeldAsync(staff, clientId)).Single().GetProperty("reason").GetString().Should().Be("At most 123.00 EUR is still due.", "staff read why, in words");

        // Two top-ups of 200.00 gross each (162.60 + 23 % = 199.998 → 200.00), two people applying at once: one payment.
        var targets = new[] { Id(await AddFundsAsync(staff, clientId, 162.60m)), Id(await AddFundsAsync(staff, clientId, 162.60m)) };
        var tries = await Task.WhenAll(targets.Select(t => staff.PostAsJsonAsync($"{V1}/held-payments/{heldId}/apply", new { documentId = t })));
        tries.Select(t => t.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Created, HttpStatusCode.Conflict],
            string.Join(" | ", await Task.WhenAll(tries.Select(t => t.Content.ReadAsStringAsync()))));
        await using (var db = App.CreateDbContext())
        {
            (await db.Payments.CountAsync(p => p.ClientId == clientId)).Should().Be(1);
            (await db.Documents.Where(d => d.ClientId == clientId && d.Kind == DocumentType.Proforma).SumAsync(d => d.AmountPaid)).Should().Be(200.00m);
        }

        // Another held payment: another client's proforma is refused, a give-back needs a note, and happens once.
        var otherClient = await CreateClientAsync(staff, eur);
        var elsewhere = Id(await AddFundsAsync(staff, otherClient, 100m));
        var second = await WebhookAsync(card, $"evt-{Guid.NewGuid():N}", Id(proforma), 500.00m);
        var secondId = (await second.JsonAsync()).GetProperty("heldPaymentId").GetGuid();
        var foreign = await staff.PostAsJsonAsync($"{V1}/held-payments/{secondId}/apply", new { documentId = elsewhere });
        foreign.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await foreign.JsonAsync()).GetProperty("errors").GetProperty("documentId")[0].GetString().Should().Contain("client who paid");
        var noNote = await staff.PostAsJsonAsync($"{V1}/held-payments/{secondId}/give-back", new { note = " " });
        noNote.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noNote.JsonAsync()).GetProperty("errors").GetProperty("note")[0].GetString().Should().Contain("how the money went back");
        (await staff.PostAsJsonAsync($"{V1}/held-payments/{secondId}/give-back", new { note = "Refunded in the card dashboard, re_42" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await staff.PostAsJsonAsync($"{V1}/held-payments/{secondId}/give-back", new { note = "again" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var given = (await HeldAsync(staff, clientId, openOnly: false)).Single(h => h.GetProperty("id").GetGuid() == secondId);
        (given.GetProperty("status").GetString(), given.GetProperty("resolutionNote").GetString()).Should().Be(("Refunded", "Refunded in the card dashboard, re_42"));
        (await staff.BalanceAsync(clientId)).Should().Be(162.60m);
        (await staff.BalanceAsync(otherClient)).Should().Be(0m);
    }
}

public sealed class SqlitePaymentsApiTests(SqlitePaymentsAppFixture fixture) : PaymentsApiTests(fixture.App), IClassFixture<SqlitePaymentsAppFixture>;

public sealed class PostgresPaymentsApiTests(PostgresPaymentsAppFixture fixture) : PaymentsApiTests(fixture.App), IClassFixture<PostgresPaymentsAppFixture>
{
    [Fact]
    public async Task Fifty_proformas_paid_at_once_get_fifty_invoices_with_unique_consecutive_numbers()
    {
        var (staff, company, eur, bank, _, _) = await SetUpAsync();
        var clients = new List<Guid>();
        for (var i = 0; i < 10; i++) clients.Add(await CreateClientAsync(staff, eur));
        var proformas = new List<(Guid Id, decimal Total)>();
        for (var i = 0; i < 50; i++)
        {
            var proforma = await AddFundsAsync(staff, clients[i % clients.Count], 10m + i);
            proformas.Add((proforma.GetProperty("id").GetGuid(), proforma.GetProperty("total").GetDecimal()));
        }
        long next;
        await using (var db = App.CreateDbContext())
            next = await db.DocumentNumberSeries.Where(s => s.HomeCompanyId == company && s.DocumentType == DocumentType.Invoice).Select(s => s.NextNumber).SingleAsync();

        var responses = await Task.WhenAll(proformas.Select((p, i) => RecordAsync(staff, p.Id, bank, p.Total, $"PAY-{i}")));
        var numbers = new List<string>();
        foreach (var response in responses)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            numbers.Add((await response.JsonAsync()).GetProperty("invoiceNumber").GetString()!);
        }
        numbers.Should().OnlyHaveUniqueItems();
        numbers.Select(n => long.Parse(n[^4..])).Order().Should().Equal(Enumerable.Range(0, 50).Select(i => next + i), "fifty numbers in a row, none skipped");
        foreach (var client in clients)
            (await staff.BalanceAsync(client)).Should().Be(Enumerable.Range(0, 50).Where(i => clients[i % clients.Count] == client).Sum(i => 10m + i));
    }

    [Fact]
    public async Task The_same_gateway_event_delivered_five_times_at_once_makes_one_payment_and_one_ledger_row()
    {
        var (staff, _, eur, _, card, _) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur);
        var proforma = await AddFundsAsync(staff, clientId, 50m);
        var eventId = $"evt-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => WebhookAsync(card, eventId, proforma.GetProperty("id").GetGuid(), 20.00m)));
        var bodies = new List<JsonElement>();
        foreach (var response in responses)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            bodies.Add(await response.JsonAsync());
        }
        bodies.Select(b => b.GetProperty("paymentId").GetGuid()).Distinct().Should().ContainSingle();
        bodies.Count(b => !b.GetProperty("duplicate").GetBoolean()).Should().Be(1);
        (await staff.TransactionsAsync(clientId)).Should().ContainSingle().Which.GetProperty("amount").GetDecimal().Should().Be(16.26m, "20.00 × 50 / 61.50 = 16.2601…");
        await using var db = App.CreateDbContext();
        (await db.Payments.CountAsync(p => p.ClientId == clientId)).Should().Be(1);
        (await db.Documents.Where(d => d.ClientId == clientId).Select(d => d.AmountPaid).SingleAsync()).Should().Be(20.00m);
    }
}
