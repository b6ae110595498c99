using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Refunds of payments through the admin API: the credit note's figures written by hand, the ledger's Refund rows, the
/// refusals that write nothing and (PostgreSQL) five refunds of one payment at once. The setup is that of
/// <see cref="PaymentsApiTests"/>: a Polish company charging German private clients 23 % VAT, a bank transfer gateway in EUR.
/// </summary>
public abstract class RefundsApiTests(PuqAppFactory app)
{
    private const string V1 = "/api/admin/v1";

    /// <summary>The payments tests' setup and steps, borrowed (a private class: xUnit runs none of its facts here).</summary>
    private sealed class Steps(PuqAppFactory app) : PaymentsApiTests(app)
    {
        public async Task<(HttpClient Staff, Guid Company, Guid Eur, Guid Bank)> SetUpBankAsync()
        {
            var setup = await SetUpAsync();
            return (setup.Staff, setup.Company, setup.Eur, setup.Bank);
        }
        public static Task<Guid> Client(HttpClient staff, Guid eur) => CreateClientAsync(staff, eur);
        public static Task<JsonElement> AddFunds(HttpClient staff, Guid clientId, decimal amount) => AddFundsAsync(staff, clientId, amount);
        public static Task<HttpResponseMessage> Record(HttpClient staff, Guid documentId, Guid gatewayId, decimal amount, string reference) =>
            RecordAsync(staff, documentId, gatewayId, amount, reference);
    }

    protected PuqAppFactory App => app;

    /// <summary>A client whose 33.33 + 7.67 VAT = 41.00 EUR proforma is paid in full by one transfer: the proforma, its invoice and the payment.</summary>
    protected async Task<(HttpClient Staff, Guid Company, Guid ClientId, Guid Proforma, Guid Invoice, Guid Payment)> PaidAsync(decimal amount = 33.33m)
    {
        var steps = new Steps(app);
        var setup = await steps.SetUpBankAsync();
        var clientId = await Steps.Client(setup.Staff, setup.Eur);
        var proforma = await Steps.AddFunds(setup.Staff, clientId, amount);
        var proformaId = proforma.GetProperty("id").GetGuid();
        var paid = await Steps.Record(setup.Staff, proformaId, setup.Bank, proforma.GetProperty("total").GetDecimal(), $"PAY {Guid.NewGuid():N}"[..20]);
        paid.StatusCode.Should().Be(HttpStatusCode.Created, await paid.Content.ReadAsStringAsync());
        var body = await paid.JsonAsync();
        return (setup.Staff, setup.Company, clientId, proformaId, body.GetProperty("invoiceId").GetGuid(), body.GetProperty("payment").GetProperty("id").GetGuid());
    }

    protected static Task<HttpResponseMessage> RefundAsync(HttpClient staff, Guid documentId, Guid paymentId, decimal amount, string reason = "Client left") =>
        staff.PostAsJsonAsync($"{V1}/invoices/{documentId}/refund", new { paymentId, amount, reason });

    /// <summary>
    /// A partial payment of a proforma refunded before the rest came: the proforma kept counting it as paid, so it never
    /// expired and, once the rest was paid, its invoice said it was paid in full with money that had been given back. What it
    /// has been paid now goes down with the refund, and the final payment credits the balance up to the subtotal exactly.
    /// No credit note is issued for that refund: a proforma is no tax document, and one against it took 3.74 of VAT off the
    /// documents while the invoice that followed stated the whole 7.67 (and let credit notes add up to more than was invoiced).
    /// </summary>
    [Fact]
    public async Task A_partial_payment_refunded_before_the_rest_is_taken_off_what_the_proforma_was_paid()
    {
        var steps = new Steps(app);
        var (staff, _, eur, bank) = await steps.SetUpBankAsync();
        var clientId = await Steps.Client(staff, eur);
        // 33.33 + 7.67 VAT = 41.00 EUR.
        var proformaId = (await Steps.AddFunds(staff, clientId, 33.33m)).GetProperty("id").GetGuid();
        var part = await Steps.Record(staff, proformaId, bank, 20m, $"PART {Guid.NewGuid():N}"[..20]);
        part.StatusCode.Should().Be(HttpStatusCode.Created, await part.Content.ReadAsStringAsync());
        var partId = (await part.JsonAsync()).GetProperty("payment").GetProperty("id").GetGuid();

        var refunded = await RefundAsync(staff, proformaId, partId, 20m);
        refunded.StatusCode.Should().Be(HttpStatusCode.Created, await refunded.Content.ReadAsStringAsync());
        var made = await refunded.JsonAsync();
        (made.GetProperty("amount").GetDecimal(), made.GetProperty("netAmount").GetDecimal(), made.GetProperty("creditNote").ValueKind)
            .Should().Be((20m, 16.26m, JsonValueKind.Null), "there is no invoice yet to correct");
        refunded.Headers.Location!.ToString().Should().Be($"/api/admin/v1/invoices/{proformaId}/payments");
        var proforma = await (await staff.GetAsync($"{V1}/invoices/{proformaId}")).JsonAsync();
        (proforma.GetProperty("status").GetString(), proforma.GetProperty("amountPaid").GetDecimal()).Should().Be(("Unpaid", 0m));
        (await staff.BalanceAsync(clientId)).Should().Be(0m);

        var whole = await Steps.Record(staff, proformaId, bank, 41m, $"WHOLE {Guid.NewGuid():N}"[..20]);
        whole.StatusCode.Should().Be(HttpStatusCode.Created, await whole.Content.ReadAsStringAsync());
        (await whole.JsonAsync()).GetProperty("payment").GetProperty("netAmount").GetDecimal().Should().Be(33.33m);
        (await staff.BalanceAsync(clientId)).Should().Be(33.33m, "the subtotal, to the cent, once");
        (await (await staff.GetAsync($"{V1}/invoices/{proformaId}")).JsonAsync()).GetProperty("status").GetString().Should().Be("Invoiced");
        await using var db = App.CreateDbContext();
        (await db.Documents.CountAsync(d => d.ClientId == clientId && d.Kind == DocumentType.CreditNote)).Should().Be(0);
        var invoiced = await db.Documents.SingleAsync(d => d.ClientId == clientId && d.Kind == DocumentType.Invoice);
        (invoiced.Total, invoiced.TaxTotal).Should().Be((41.00m, 7.67m), "the invoice states the whole sale, and no credit note takes VAT off it");
        var refund = await db.Refunds.SingleAsync(r => r.PaymentId == partId);
        refund.CreditNoteId.Should().BeNull();
        (await db.LedgerEntries.Where(e => e.Id == refund.LedgerEntryId).Select(e => e.Description).SingleAsync()).Should().NotContain("credit note");

        // The part paid and refunded left nothing to give back, and the whole payment's refund is credited against the invoice.
        var wholeId = (await whole.JsonAsync()).GetProperty("payment").GetProperty("id").GetGuid();
        var back = await RefundAsync(staff, invoiced.Id, wholeId, 41m);
        back.StatusCode.Should().Be(HttpStatusCode.Created, await back.Content.ReadAsStringAsync());
        var note = (await back.JsonAsync()).GetProperty("creditNote");
        (note.GetProperty("relatedDocumentId").GetGuid(), note.GetProperty("total").GetDecimal(), note.GetProperty("taxTotal").GetDecimal())
            .Should().Be((invoiced.Id, 41.00m, 7.67m), "credit notes never add up to more than was invoiced");
    }

    /// <summary>
    /// A reverse-charge proforma's invoice and credit notes name the VAT ID the reverse charge was decided on: they keep its
    /// 0 % and its note, so the buyer's ID changed (or found invalid) before the payment must not stand on them.
    /// </summary>
    [Fact]
    public async Task The_invoice_and_credit_note_of_a_reverse_charge_name_the_vat_id_it_was_decided_on()
    {
        var (staff, _, eur, bank) = await new Steps(app).SetUpBankAsync();
        var clientId = await staff.CreateForIdAsync($"{V1}/clients", new
        {
            owner = new { email = $"owner-{Guid.NewGuid():N}@example.test", password = "Owner-password-1" },
            firstName = "Hans", lastName = "Meier", companyName = "Berlin Hosting GmbH", taxId = "DE 123 456 789", language = "en", currencyId = eur, status = "Active",
            billingAddress = new { address1 = "Hauptstraße 5", city = "Berlin", postcode = "10115", countryCode = "DE" },
        });
        await staff.VatCheckAsync(clientId, c => c.GetProperty("confirmed").GetBoolean());
        var proforma = await Steps.AddFunds(staff, clientId, 250m);
        (proforma.GetProperty("reverseCharge").GetBoolean(), proforma.GetProperty("client").GetProperty("vatId").GetString()).Should().Be((true, "DE123456789"));
        await using (var db = App.CreateDbContext())
            await db.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(u => u.SetProperty(c => c.TaxId, "DE999999999"));

        var paid = await Steps.Record(staff, proforma.GetProperty("id").GetGuid(), bank, 250m, $"RC {Guid.NewGuid():N}"[..20]);
        paid.StatusCode.Should().Be(HttpStatusCode.Created, await paid.Content.ReadAsStringAsync());
        var body = await paid.JsonAsync();
        var invoice = await (await staff.GetAsync($"{V1}/invoices/{body.GetProperty("invoiceId").GetGuid()}")).JsonAsync();
        (invoice.GetProperty("reverseCharge").GetBoolean(), invoice.GetProperty("taxTotal").GetDecimal(), invoice.GetProperty("client").GetProperty("vatId").GetString())
            .Should().Be((true, 0m, "DE123456789"), "the reverse charge was decided on that ID, never checked on the new one");
        var refunded = await RefundAsync(staff, invoice.GetProperty("id").GetGuid(), body.GetProperty("payment").GetProperty("id").GetGuid(), 50m);
        refunded.StatusCode.Should().Be(HttpStatusCode.Created, await refunded.Content.ReadAsStringAsync());
        var note = (await refunded.JsonAsync()).GetProperty("creditNote");
        (note.GetProperty("reverseCharge").GetBoolean(), note.GetProperty("client").GetProperty("vatId").GetString()).Should().Be((true, "DE123456789"));
    }

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString()!;
    }

    [Fact]
    public async Task A_refund_then_the_rest_issue_credit_notes_whose_figures_and_ledger_rows_add_up_exactly_to_the_payment()
    {
        var (staff, company, clientId, _, invoice, payment) = await PaidAsync();
        (await staff.BalanceAsync(clientId)).Should().Be(33.33m);
        long next;
        await using (var db = App.CreateDbContext())
            next = await db.DocumentNumberSeries.Where(s => s.HomeCompanyId == company && s.DocumentType == DocumentType.CreditNote).Select(s => s.NextNumber).SingleAsync();

        // 10.00 of 41.00: net = 10.00 × 33.33 / 41.00 = 8.1292… → 8.13, VAT 1.87.
        var first = await RefundAsync(staff, invoice, payment, 10.00m, "Client asked for part back");
        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var note = (await first.JsonAsync()).GetProperty("creditNote");
        (note.GetProperty("kind").GetString(), note.GetProperty("status").GetString(), note.GetProperty("number").GetString())
            .Should().Be(("CreditNote", "Issued", $"KOR/2026/{next:D4}"));
        (note.GetProperty("subtotal").GetDecimal(), note.GetProperty("taxTotal").GetDecimal(), note.GetProperty("total").GetDecimal()).Should().Be((8.13m, 1.87m, 10.00m));
        note.GetProperty("relatedDocumentId").GetGuid().Should().Be(invoice);
        var tax = note.GetProperty("taxes").EnumerateArray().Should().ContainSingle().Subject;
        (tax.GetProperty("name").GetString(), tax.GetProperty("rate").GetDecimal(), tax.GetProperty("taxableBase").GetDecimal(), tax.GetProperty("amount").GetDecimal())
            .Should().Be(("VAT", 23m, 8.13m, 1.87m));
        note.GetProperty("lines")[0].GetProperty("amount").GetDecimal().Should().Be(8.13m);
        (await staff.BalanceAsync(clientId)).Should().Be(25.20m);

        // The rest, 31.00, completes the payment: it takes the exact rest of its net, 33.33 − 8.13 = 25.20 (VAT 5.80).
        var tooMuch = await RefundAsync(staff, invoice, payment, 31.01m);
        (await FieldErrorAsync(tooMuch, "amount")).Should().Be("At most 31.00 EUR of the payment can still be refunded.");
        var second = await RefundAsync(staff, invoice, payment, 31.00m);
        second.StatusCode.Should().Be(HttpStatusCode.Created, await second.Content.ReadAsStringAsync());
        var rest = (await second.JsonAsync()).GetProperty("creditNote");
        (rest.GetProperty("subtotal").GetDecimal(), rest.GetProperty("taxTotal").GetDecimal(), rest.GetProperty("total").GetDecimal()).Should().Be((25.20m, 5.80m, 31.00m));
        rest.GetProperty("number").GetString().Should().Be($"KOR/2026/{next + 1:D4}");
        (await staff.BalanceAsync(clientId)).Should().Be(0m, "the whole net the payment credited is taken back, to the cent");

        var rows = await staff.TransactionsAsync(clientId);
        rows.Select(r => (r.GetProperty("type").GetString(), r.GetProperty("amount").GetDecimal(), r.GetProperty("gross").GetDecimal(), r.GetProperty("fees").GetDecimal(),
                r.GetProperty("balanceAfter").GetDecimal()))
            .Should().Equal(("Payment", 33.33m, 41.00m, 7.67m, 33.33m), ("Refund", -8.13m, 10.00m, 1.87m, 25.20m), ("Refund", -25.20m, 31.00m, 5.80m, 0m));

        var again = await RefundAsync(staff, invoice, payment, 0.01m);
        (await FieldErrorAsync(again, "amount")).Should().Be("The payment is refunded in full already.");

        var related = (await (await staff.GetAsync($"{V1}/invoices/{invoice}")).JsonAsync()).GetProperty("related").EnumerateArray()
            .Select(r => r.GetProperty("id").GetGuid()).ToList();
        related.Should().Contain([note.GetProperty("id").GetGuid(), rest.GetProperty("id").GetGuid()]);
        var listed = await (await staff.GetAsync($"{V1}/credit-notes?clientId={clientId}")).JsonAsync();
        listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()).Should().BeEquivalentTo([$"KOR/2026/{next:D4}", $"KOR/2026/{next + 1:D4}"]);
        await using var check = App.CreateDbContext();
        var refunds = await check.Refunds.Where(r => r.PaymentId == payment).OrderBy(r => r.Amount).ToListAsync();
        refunds.Select(r => (r.Amount, r.NetAmount, r.Reason)).Should().Equal((10.00m, 8.13m, "Client asked for part back"), (31.00m, 25.20m, "Client left"));

        // Staff read each refund under its payment: how much, which credit note, who gave it (who recorded the payment here) and why.
        var paid = (await (await staff.GetAsync($"{V1}/invoices/{invoice}/payments")).JsonAsync()).EnumerateArray().Should().ContainSingle().Subject;
        var staffName = paid.GetProperty("staffName").GetString();
        staffName.Should().NotBeNullOrWhiteSpace();
        paid.GetProperty("refundedAmount").GetDecimal().Should().Be(41.00m);
        paid.GetProperty("refunds").EnumerateArray()
            .Select(r => (r.GetProperty("amount").GetDecimal(), r.GetProperty("creditNoteNumber").GetString(), r.GetProperty("staffName").GetString(), r.GetProperty("reason").GetString()))
            .Should().Equal((10.00m, $"KOR/2026/{next:D4}", staffName, "Client asked for part back"), (31.00m, $"KOR/2026/{next + 1:D4}", staffName, "Client left"));

        // The client reads what happened (the refund, its credit note), not the reason staff gave.
        var mine = await (await (await App.OwnerApiClientAsync(clientId)).GetAsync("/api/client/v1/transactions")).JsonAsync();
        var refundRows = mine.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("type").GetString() == "Refund").ToList();
        refundRows.Should().HaveCount(2);
        refundRows.Should().OnlyContain(r => r.GetProperty("reason").ValueKind == JsonValueKind.Null);
        refundRows.Select(r => r.GetProperty("description").GetString()).Should().OnlyContain(d => d!.StartsWith("Refund of ") && !d.Contains("Client"));
    }

    [Fact]
    public async Task A_payment_after_an_earlier_one_was_refunded_credits_no_more_than_it_brings()
    {
        var steps = new Steps(app);
        var (staff, _, eur, bank) = await steps.SetUpBankAsync();
        var clientId = await Steps.Client(staff, eur);
        // 5.00 + 23 % VAT = 6.15 EUR. Three payments of 0.03 credit 0.02, 0.03 and 0.02 (on the running total: 0.02, 0.05, 0.07).
        var proformaId = (await Steps.AddFunds(staff, clientId, 5.00m)).GetProperty("id").GetGuid();
        var payments = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            var paid = await Steps.Record(staff, proformaId, bank, 0.03m, $"SMALL {i} {Guid.NewGuid():N}"[..20]);
            paid.StatusCode.Should().Be(HttpStatusCode.Created, await paid.Content.ReadAsStringAsync());
            payments.Add((await paid.JsonAsync()).GetProperty("payment").GetProperty("id").GetGuid());
        }
        (await RefundAsync(staff, proformaId, payments[1], 0.03m)).StatusCode.Should().Be(HttpStatusCode.Created);

        // 0.07 paid is worth 0.06 net on the running total, and 0.04 is kept: 0.02 more, but the payment brings 0.01.
        var last = await Steps.Record(staff, proformaId, bank, 0.01m, $"SMALL 4 {Guid.NewGuid():N}"[..20]);
        last.StatusCode.Should().Be(HttpStatusCode.Created, await last.Content.ReadAsStringAsync());
        (await last.JsonAsync()).GetProperty("payment").GetProperty("netAmount").GetDecimal().Should().Be(0.01m);
    }

    [Fact]
    public async Task The_database_refuses_a_second_invoice_of_a_proforma_a_payment_on_another_s_ledger_row_and_one_gateway_refund_booked_twice()
    {
        var first = await PaidAsync(10.00m);
        var second = await PaidAsync(10.00m);
        (await RefundAsync(first.Staff, first.Invoice, first.Payment, 1.00m)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await RefundAsync(first.Staff, first.Invoice, first.Payment, 2.00m)).StatusCode.Should().Be(HttpStatusCode.Created);
        await using var db = app.CreateDbContext();
        static Task Refused(Func<Task> write) => FluentActions.Awaiting(write).Should().ThrowAsync<Exception>()
            .Where(e => e is DbUpdateException || e is System.Data.Common.DbException);

        await Refused(() => db.Documents.Where(d => d.Id == second.Invoice).ExecuteUpdateAsync(s => s.SetProperty(d => d.RelatedDocumentId, first.Proforma)));
        var firstRow = await db.Payments.Where(p => p.Id == first.Payment).Select(p => p.LedgerEntryId).SingleAsync();
        await Refused(() => db.Payments.Where(p => p.Id == second.Payment).ExecuteUpdateAsync(s => s.SetProperty(p => p.LedgerEntryId, firstRow)));
        var refunds = await db.Refunds.Where(r => r.PaymentId == first.Payment).OrderBy(r => r.Amount).Select(r => r.Id).ToListAsync();
        (await db.Refunds.Where(r => r.Id == refunds[0]).ExecuteUpdateAsync(s => s.SetProperty(r => r.GatewayRefundId, "re_123"))).Should().Be(1);
        await Refused(() => db.Refunds.Where(r => r.Id == refunds[1]).ExecuteUpdateAsync(s => s.SetProperty(r => r.GatewayRefundId, "re_123")));
    }

    [Fact]
    public async Task Refusals_write_nothing()
    {
        var (staff, _, clientId, proforma, invoice, payment) = await PaidAsync();
        (await FieldErrorAsync(await RefundAsync(staff, invoice, payment, 0m), "amount")).Should().Be("Enter a positive amount.");
        (await FieldErrorAsync(await RefundAsync(staff, invoice, payment, 1.001m), "amount")).Should().Be("The currency has 2 decimal place(s): use at most that many.");
        (await FieldErrorAsync(await RefundAsync(staff, invoice, payment, 41.01m), "amount")).Should().Be("At most 41.00 EUR of the payment can still be refunded.");
        (await FieldErrorAsync(await RefundAsync(staff, invoice, payment, 1m, " "), "reason")).Should().Be("Say why the money is given back.");
        var other = await PaidAsync();
        (await FieldErrorAsync(await RefundAsync(staff, invoice, other.Payment, 1m), "paymentId")).Should().Be("The payment was not made for this document.");

        // The client spent 30.00 of its 33.33: refunding 10.00 (net 8.13) would take the balance below zero.
        (await staff.PostAsJsonAsync($"{V1}/clients/{clientId}/adjustments", new { amount = -30m, reason = "Spent" })).EnsureSuccessStatusCode();
        var spent = await RefundAsync(staff, proforma, payment, 10.00m);
        spent.StatusCode.Should().Be(HttpStatusCode.Conflict, await spent.Content.ReadAsStringAsync());
        (await spent.Content.ReadAsStringAsync()).Should().Contain("The client has spent these funds");
        // 4.00 (net 3.25) still fits in the 3.33 left, through the proforma's id as well.
        (await RefundAsync(staff, proforma, payment, 4.00m)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await staff.BalanceAsync(clientId)).Should().Be(0.08m);
        await using var db = App.CreateDbContext();
        (await db.Refunds.CountAsync(r => r.ClientId == clientId)).Should().Be(1);
        (await db.Documents.CountAsync(d => d.ClientId == clientId && d.Kind == DocumentType.CreditNote)).Should().Be(1);
    }
}

public sealed class SqliteRefundsApiTests(SqlitePaymentsAppFixture fixture) : RefundsApiTests(fixture.App), IClassFixture<SqlitePaymentsAppFixture>;

public sealed class PostgresRefundsApiTests(PostgresPaymentsAppFixture fixture) : RefundsApiTests(fixture.App), IClassFixture<PostgresPaymentsAppFixture>
{
    [Fact]
    public async Task Five_refunds_of_thirty_percent_at_once_let_at_most_three_through_with_consistent_balance_and_consecutive_numbers()
    {
        // 50.00 + 11.50 VAT = 61.50 paid; 30 % = 18.45 (net 15.00 each). Three fit (55.35), a fourth would not.
        var (staff, company, clientId, _, invoice, payment) = await PaidAsync(50m);
        long next;
        await using (var db = App.CreateDbContext())
            next = await db.DocumentNumberSeries.Where(s => s.HomeCompanyId == company && s.DocumentType == DocumentType.CreditNote).Select(s => s.NextNumber).SingleAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => RefundAsync(staff, invoice, payment, 18.45m, $"Race {i}")));
        var numbers = new List<string>();
        foreach (var response in responses)
            if (response.StatusCode == HttpStatusCode.Created) numbers.Add((await response.JsonAsync()).GetProperty("creditNote").GetProperty("number").GetString()!);
            else response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        numbers.Should().HaveCount(3);
        numbers.Select(n => long.Parse(n[^4..])).Order().Should().Equal(next, next + 1, next + 2);
        (await staff.BalanceAsync(clientId)).Should().Be(5.00m);
        await using var check = App.CreateDbContext();
        (await check.Refunds.Where(r => r.PaymentId == payment).SumAsync(r => r.Amount)).Should().Be(55.35m);
        (await check.Documents.Where(d => d.ClientId == clientId && d.Kind == DocumentType.CreditNote).SumAsync(d => d.Total)).Should().Be(55.35m);
    }
}
