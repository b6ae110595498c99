using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Refunds a gateway reports to its webhook (made in the gateway's own dashboard): booked like a staff refund (ledger Refund
/// row, numbered credit note, refund record) once however often they arrive, refused when they do not name a payment of the
/// same gateway or give back more than is left, and never on top of a refund staff made in the console. The setup is that of
/// <see cref="PaymentsApiTests"/>: a Polish company charging German private clients 23 % VAT; the card gateway is the test
/// module, whose webhooks are signed.
/// </summary>
public abstract class GatewayRefundsTests(PuqAppFactory app)
{
    private const string V1 = "/api/admin/v1";
    private const string Secret = "whsec-test-7f3a91";

    /// <summary>The payments tests' setup, borrowed (a private class: xUnit runs none of its facts here).</summary>
    private sealed class Steps(PuqAppFactory app) : PaymentsApiTests(app)
    {
        public async Task<(HttpClient Staff, Guid Company, Guid Eur, Guid Bank, Guid Card)> SetUpGatewaysAsync()
        {
            var setup = await SetUpAsync();
            return (setup.Staff, setup.Company, setup.Eur, setup.Bank, setup.Card);
        }
        public static Task<Guid> Client(HttpClient staff, Guid eur) => CreateClientAsync(staff, eur);
        public static Task<JsonElement> AddFunds(HttpClient staff, Guid clientId, decimal amount) => AddFundsAsync(staff, clientId, amount);
        public static Task<HttpResponseMessage> Record(HttpClient staff, Guid documentId, Guid gatewayId, decimal amount, string reference) =>
            RecordAsync(staff, documentId, gatewayId, amount, reference);
    }

    protected PuqAppFactory App => app;

    protected sealed record Paid(HttpClient Staff, Guid Company, Guid ClientId, Guid Proforma, Guid Invoice, Guid Payment, string PaymentEventId, Guid Card, Guid Bank);

    /// <summary>A client whose 100.00 + 23.00 VAT = 123.00 EUR proforma the card gateway reports paid in full.</summary>
    protected async Task<Paid> PaidByCardAsync()
    {
        var (staff, company, eur, bank, card) = await new Steps(app).SetUpGatewaysAsync();
        var clientId = await Steps.Client(staff, eur);
        var proforma = (await Steps.AddFunds(staff, clientId, 100m)).GetProperty("id").GetGuid();
        var eventId = $"ch-{Guid.NewGuid():N}";
        var paid = await NotifyAsync(card, new TestPaymentModule.Notification(eventId, proforma, 123.00m, "EUR", ManualClockAppFixture.Start, "card"));
        paid.StatusCode.Should().Be(HttpStatusCode.OK, await paid.Content.ReadAsStringAsync());
        var body = await paid.JsonAsync();
        var payment = body.GetProperty("paymentId").GetGuid();
        var invoice = (await (await staff.GetAsync($"{V1}/invoices/{proforma}")).JsonAsync()).GetProperty("related").EnumerateArray()
            .Single(r => r.GetProperty("kind").GetString() == "Invoice").GetProperty("id").GetGuid();
        return new Paid(staff, company, clientId, proforma, invoice, payment, eventId, card, bank);
    }

    /// <summary>The card gateway reports that it gave back <paramref name="amount"/> of the payment whose event was <paramref name="refundOf"/>.</summary>
    protected Task<HttpResponseMessage> RefundedAtGatewayAsync(Guid gatewayId, string eventId, string refundOf, decimal amount, string? reason = null,
        string currency = "EUR", string? secret = Secret) =>
        NotifyAsync(gatewayId, new TestPaymentModule.Notification(eventId, Guid.Empty, amount, currency, ManualClockAppFixture.Start, null, refundOf, reason), secret);

    private Task<HttpResponseMessage> NotifyAsync(Guid gatewayId, TestPaymentModule.Notification notification, string? secret = Secret)
    {
        var body = JsonSerializer.Serialize(notification, JsonSerializerOptions.Web);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/gateways/{gatewayId}/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null) request.Headers.Add(TestPaymentModule.SignatureHeader, TestPaymentModule.Sign(body, secret));
        return app.CreateClient().SendAsync(request);
    }

    protected static Task<HttpResponseMessage> StaffRefundAsync(HttpClient staff, Guid documentId, Guid paymentId, decimal amount, string reason = "Client left") =>
        staff.PostAsJsonAsync($"{V1}/invoices/{documentId}/refund", new { paymentId, amount, reason });

    protected static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString()!;
    }

    protected async Task<long> NextCreditNoteAsync(Guid company)
    {
        await using var db = App.CreateDbContext();
        return await db.DocumentNumberSeries.Where(s => s.HomeCompanyId == company && s.DocumentType == DocumentType.CreditNote).Select(s => s.NextNumber).SingleAsync();
    }

    /// <summary>A second card payment of the paid proforma: held whole (123.00 EUR); its event id and the held payment.</summary>
    private async Task<(string EventId, Guid HeldId)> PaidTwiceAsync(Paid paid)
    {
        var again = $"ch-{Guid.NewGuid():N}";
        var second = await NotifyAsync(paid.Card, new TestPaymentModule.Notification(again, paid.Proforma, 123.00m, "EUR", ManualClockAppFixture.Start, "card"));
        second.StatusCode.Should().Be(HttpStatusCode.OK, await second.Content.ReadAsStringAsync());
        return (again, (await second.JsonAsync()).GetProperty("heldPaymentId").GetGuid());
    }

    private static async Task<JsonElement> HeldAsync(Paid paid) =>
        (await (await paid.Staff.GetAsync($"{V1}/held-payments?clientId={paid.ClientId}&openOnly=false")).JsonAsync()).EnumerateArray().Single();

    [Fact]
    public async Task The_gateway_s_refunds_of_held_money_leave_the_rest_held_each_once_and_close_it_when_nothing_is_left()
    {
        var paid = await PaidByCardAsync();
        var (again, heldId) = await PaidTwiceAsync(paid);

        var part = $"re-{Guid.NewGuid():N}";
        foreach (var duplicate in new[] { false, true })
        {
            var refunded = await RefundedAtGatewayAsync(paid.Card, part, again, 50.00m, "Half by mistake");
            refunded.StatusCode.Should().Be(HttpStatusCode.OK, await refunded.Content.ReadAsStringAsync());
            var receipt = await refunded.JsonAsync();
            (receipt.GetProperty("heldPaymentId").GetGuid(), receipt.GetProperty("paymentId").ValueKind, receipt.GetProperty("duplicate").GetBoolean())
                .Should().Be((heldId, JsonValueKind.Null, duplicate));
        }
        var held = await HeldAsync(paid);
        (held.GetProperty("status").GetString(), held.GetProperty("amount").GetDecimal(), held.GetProperty("receivedText").GetString(), held.GetProperty("givenBackText").GetString())
            .Should().Be(("Held", 73.00m, "123,00\u00a0€", "50,00\u00a0€"), "what the gateway gave back is no longer held");
        (await FieldErrorAsync(await RefundedAtGatewayAsync(paid.Card, $"re-{Guid.NewGuid():N}", again, 73.01m), "amount"))
            .Should().Be("Only 73.00 EUR of the payment is still held: the refund asks for 73.01 EUR.");
        (await FieldErrorAsync(await RefundedAtGatewayAsync(paid.Card, $"re-{Guid.NewGuid():N}", again, 0.001m), "amount")).Should().Contain("decimal place");

        var rest = $"re-{Guid.NewGuid():N}";
        (await RefundedAtGatewayAsync(paid.Card, rest, again, 73.00m, "Charged twice")).StatusCode.Should().Be(HttpStatusCode.OK);
        held = await HeldAsync(paid);
        held.GetProperty("status").GetString().Should().Be("Refunded");
        held.GetProperty("resolutionNote").GetString().Should().Contain(rest).And.Contain("Charged twice");
        var late = await RefundedAtGatewayAsync(paid.Card, part, again, 50.00m, "Half by mistake");
        (await late.JsonAsync()).GetProperty("duplicate").GetBoolean().Should().BeTrue("the first part, delivered again after the rest, is the same news");

        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(100.00m, "held money never reached the balance, so its refunds take nothing from it");
        await using var db = App.CreateDbContext();
        (await db.HeldPaymentRefunds.Where(r => r.HeldPaymentId == heldId).Select(r => r.Amount).ToListAsync()).Should().BeEquivalentTo([50.00m, 73.00m]);
        (await db.Documents.CountAsync(d => d.ClientId == paid.ClientId && d.Kind == DocumentType.CreditNote)).Should().Be(0);
        (await db.Refunds.CountAsync(r => r.ClientId == paid.ClientId)).Should().Be(0);
    }

    [Fact]
    public async Task Held_money_partly_given_back_at_the_gateway_is_applied_only_for_the_rest_and_the_part_is_never_refunded_twice()
    {
        var paid = await PaidByCardAsync();
        var (again, heldId) = await PaidTwiceAsync(paid);
        var part = $"re-{Guid.NewGuid():N}";
        (await RefundedAtGatewayAsync(paid.Card, part, again, 23.00m)).StatusCode.Should().Be(HttpStatusCode.OK);
        var topUp = (await Steps.AddFunds(paid.Staff, paid.ClientId, 100m)).GetProperty("id").GetGuid();

        var applied = await paid.Staff.PostAsJsonAsync($"{V1}/held-payments/{heldId}/apply", new { documentId = topUp });
        applied.StatusCode.Should().Be(HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        var payment = (await applied.JsonAsync()).GetProperty("payment");
        (payment.GetProperty("amount").GetDecimal(), payment.GetProperty("gatewayEventId").GetString()).Should().Be((100.00m, again), "123.00 came, 23.00 went back");
        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(100.00m + 81.30m, "100.00 gross on a 23 % proforma credits 81.30 net");

        // The gateway delivers the part's report again, now that the rest is a payment: the same news, not a refund of the payment.
        var late = await RefundedAtGatewayAsync(paid.Card, part, again, 23.00m);
        late.StatusCode.Should().Be(HttpStatusCode.OK, await late.Content.ReadAsStringAsync());
        (await late.JsonAsync()).GetProperty("duplicate").GetBoolean().Should().BeTrue();
        await using var db = App.CreateDbContext();
        (await db.Refunds.CountAsync(r => r.ClientId == paid.ClientId)).Should().Be(0);
        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(181.30m);
    }

    [Fact]
    public async Task A_gateway_refund_of_held_money_and_staff_applying_it_at_once_never_count_the_same_money_twice()
    {
        for (var round = 0; round < 4; round++)
        {
            var paid = await PaidByCardAsync();
            var (again, heldId) = await PaidTwiceAsync(paid);
            var topUp = (await Steps.AddFunds(paid.Staff, paid.ClientId, 100m)).GetProperty("id").GetGuid();

            var refund = RefundedAtGatewayAsync(paid.Card, $"re-{Guid.NewGuid():N}", again, 23.00m);
            var apply = paid.Staff.PostAsJsonAsync($"{V1}/held-payments/{heldId}/apply", new { documentId = topUp });
            await Task.WhenAll(refund, apply);
            (await refund).StatusCode.Should().Be(HttpStatusCode.OK, await (await refund).Content.ReadAsStringAsync());
            if ((await apply).StatusCode == HttpStatusCode.Conflict)
                (await paid.Staff.PostAsJsonAsync($"{V1}/held-payments/{heldId}/apply", new { documentId = topUp })).StatusCode.Should().Be(HttpStatusCode.Created);
            else (await apply).StatusCode.Should().Be(HttpStatusCode.Created, await (await apply).Content.ReadAsStringAsync());

            // Applied first: the refund is one of the payment (a credit note); refunded first: the payment is the rest. Either
            // way 123.00 came and 23.00 went back, once.
            await using var db = App.CreateDbContext();
            var paidIn = await db.Payments.Where(p => p.PaymentGatewayId == paid.Card && p.GatewayEventId == again).Select(p => p.Amount).SingleAsync();
            var heldBack = (await db.HeldPaymentRefunds.Where(r => r.HeldPaymentId == heldId).Select(r => r.Amount).ToListAsync()).Sum();
            var refundedBack = (await db.Refunds.Where(r => r.ClientId == paid.ClientId).Select(r => r.Amount).ToListAsync()).Sum();
            (paidIn + heldBack, heldBack + refundedBack).Should().Be((123.00m, 23.00m), $"round {round}");
        }
    }

    [Fact]
    public async Task A_partial_refund_at_the_gateway_issues_the_credit_note_and_moves_the_balance_by_its_net_once()
    {
        var paid = await PaidByCardAsync();
        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(100.00m);
        var next = await NextCreditNoteAsync(paid.Company);

        // 23.00 of 123.00: net = 23.00 × 100.00 / 123.00 = 18.6991… → 18.70, VAT 23.00 − 18.70 = 4.30.
        var refundId = $"re-{Guid.NewGuid():N}";
        var response = await RefundedAtGatewayAsync(paid.Card, refundId, paid.PaymentEventId, 23.00m, "Customer asked at the gateway");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var receipt = await response.JsonAsync();
        (receipt.GetProperty("paymentId").GetGuid(), receipt.GetProperty("documentId").GetGuid(), receipt.GetProperty("duplicate").GetBoolean())
            .Should().Be((paid.Payment, paid.Proforma, false));
        var creditNoteId = receipt.GetProperty("creditNoteId").GetGuid();

        var note = await (await paid.Staff.GetAsync($"{V1}/invoices/{creditNoteId}")).JsonAsync();
        (note.GetProperty("kind").GetString(), note.GetProperty("status").GetString(), note.GetProperty("number").GetString())
            .Should().Be(("CreditNote", "Issued", $"KOR/2026/{next:D4}"));
        (note.GetProperty("subtotal").GetDecimal(), note.GetProperty("taxTotal").GetDecimal(), note.GetProperty("total").GetDecimal()).Should().Be((18.70m, 4.30m, 23.00m));
        note.GetProperty("relatedDocumentId").GetGuid().Should().Be(paid.Invoice);
        var tax = note.GetProperty("taxes").EnumerateArray().Should().ContainSingle().Subject;
        (tax.GetProperty("name").GetString(), tax.GetProperty("rate").GetDecimal(), tax.GetProperty("taxableBase").GetDecimal(), tax.GetProperty("amount").GetDecimal())
            .Should().Be(("VAT", 23m, 18.70m, 4.30m));
        var invoiceNumber = (await (await paid.Staff.GetAsync($"{V1}/invoices/{paid.Invoice}")).JsonAsync()).GetProperty("number").GetString();
        var line = note.GetProperty("lines").EnumerateArray().Should().ContainSingle().Subject;
        (line.GetProperty("description").GetString(), line.GetProperty("amount").GetDecimal()).Should().Be(($"Zwrot / Refund: {invoiceNumber}", 18.70m));
        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(81.30m, "100.00 − 18.70, the net part, as a staff refund takes it");

        var rows = await paid.Staff.TransactionsAsync(paid.ClientId);
        rows.Select(r => (r.GetProperty("type").GetString(), r.GetProperty("amount").GetDecimal(), r.GetProperty("gross").GetDecimal(), r.GetProperty("fees").GetDecimal(),
                r.GetProperty("balanceAfter").GetDecimal()))
            .Should().Equal(("Payment", 100.00m, 123.00m, 23.00m, 100.00m), ("Refund", -18.70m, 23.00m, 4.30m, 81.30m));
        var proformaNumber = (await (await paid.Staff.GetAsync($"{V1}/invoices/{paid.Proforma}")).JsonAsync()).GetProperty("number").GetString();
        (rows[1].GetProperty("description").GetString(), rows[1].GetProperty("reason").GetString())
            .Should().Be(($"Refund of {proformaNumber} at Test Payment, credit note KOR/2026/{next:D4}", "Refunded at Test Payment: Customer asked at the gateway"));

        var payments = await (await paid.Staff.GetAsync($"{V1}/invoices/{paid.Invoice}/payments")).JsonAsync();
        var refunded = payments.EnumerateArray().Should().ContainSingle().Subject;
        refunded.GetProperty("refundedAmount").GetDecimal().Should().Be(23.00m);
        var listed = refunded.GetProperty("refunds").EnumerateArray().Should().ContainSingle().Subject;
        (listed.GetProperty("reason").GetString(), listed.GetProperty("staffName").ValueKind, listed.GetProperty("creditNoteId").GetGuid())
            .Should().Be(("Refunded at Test Payment: Customer asked at the gateway", JsonValueKind.Null, creditNoteId), "the gateway reported it: no staff member gave it");

        // Delivered again (gateways retry): the same refund, nothing written.
        var again = await RefundedAtGatewayAsync(paid.Card, refundId, paid.PaymentEventId, 23.00m, "Customer asked at the gateway");
        again.StatusCode.Should().Be(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        var second = await again.JsonAsync();
        (second.GetProperty("duplicate").GetBoolean(), second.GetProperty("refundId").GetGuid(), second.GetProperty("creditNoteId").GetGuid())
            .Should().Be((true, receipt.GetProperty("refundId").GetGuid(), creditNoteId));
        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(81.30m);

        await using var db = App.CreateDbContext();
        var refund = await db.Refunds.SingleAsync(r => r.PaymentId == paid.Payment);
        (refund.Amount, refund.NetAmount, refund.Reason, refund.StaffAccountId, refund.PaymentGatewayId, refund.GatewayEventId, refund.GatewayRefundId)
            .Should().Be((23.00m, 18.70m, "Refunded at Test Payment: Customer asked at the gateway", (Guid?)null, (Guid?)paid.Card, refundId, refundId));
        (await db.Documents.CountAsync(d => d.ClientId == paid.ClientId && d.Kind == DocumentType.CreditNote)).Should().Be(1);
        var logged = await db.ActivityLog.Where(e => e.Action == "ReceiveGatewayEvent" && e.Changes != null && e.Changes.Contains(refundId)).ToListAsync();
        logged.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Refusals_name_the_field_and_write_nothing()
    {
        var paid = await PaidByCardAsync();
        var id = $"re-{Guid.NewGuid():N}";
        (await FieldErrorAsync(await RefundedAtGatewayAsync(paid.Card, id, "ch-unknown", 10.00m), "paymentGatewayEventId"))
            .Should().Be("Test Payment took no payment ch-unknown: a refund gives back a payment of the gateway that reports it.");
        (await FieldErrorAsync(await RefundedAtGatewayAsync(paid.Card, id, paid.PaymentEventId, 123.01m), "amount"))
            .Should().Be("At most 123.00 EUR of the payment can still be refunded.");
        (await FieldErrorAsync(await RefundedAtGatewayAsync(paid.Card, id, paid.PaymentEventId, 0m), "amount")).Should().Be("Enter a positive amount.");
        (await FieldErrorAsync(await RefundedAtGatewayAsync(paid.Card, id, paid.PaymentEventId, 1.001m), "amount"))
            .Should().Be("The currency has 2 decimal place(s): use at most that many.");
        (await FieldErrorAsync(await RefundedAtGatewayAsync(paid.Card, id, paid.PaymentEventId, 10.00m, currency: "USD"), "currencyCode"))
            .Should().Be("The refund is in USD, but the payment was in EUR.");
        (await FieldErrorAsync(await RefundedAtGatewayAsync(paid.Card, id, paid.PaymentEventId, 10.00m, secret: "not-the-secret"), "event"))
            .Should().Be("The signature does not match.");
        (await FieldErrorAsync(await RefundedAtGatewayAsync(paid.Card, id, paid.PaymentEventId, 10.00m, secret: null), "event"))
            .Should().Be("The signature does not match.");

        // A payment of another gateway (a bank transfer of another client) is not the card gateway's to refund.
        var (staff, _, eur, bank, _) = await new Steps(App).SetUpGatewaysAsync();
        var other = await Steps.Client(staff, eur);
        var proforma = await Steps.AddFunds(staff, other, 10m);
        var transfer = await Steps.Record(staff, proforma.GetProperty("id").GetGuid(), bank, 12.30m, $"T{Guid.NewGuid():N}"[..12]);
        transfer.StatusCode.Should().Be(HttpStatusCode.Created, await transfer.Content.ReadAsStringAsync());
        var bankEventId = (await transfer.JsonAsync()).GetProperty("payment").GetProperty("gatewayEventId").GetString()!;
        (await FieldErrorAsync(await RefundedAtGatewayAsync(paid.Card, id, bankEventId, 10.00m), "paymentGatewayEventId"))
            .Should().Be($"Test Payment took no payment {bankEventId}: a refund gives back a payment of the gateway that reports it.");

        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(100.00m);
        (await staff.BalanceAsync(other)).Should().Be(10.00m);
        await using var db = App.CreateDbContext();
        (await db.Refunds.CountAsync(r => r.ClientId == paid.ClientId || r.ClientId == other)).Should().Be(0);
        (await db.Documents.CountAsync(d => (d.ClientId == paid.ClientId || d.ClientId == other) && d.Kind == DocumentType.CreditNote)).Should().Be(0);
    }

    [Fact]
    public async Task A_refund_staff_made_in_the_console_is_not_refunded_again_when_the_gateway_reports_it()
    {
        var paid = await PaidByCardAsync();
        var console = await StaffRefundAsync(paid.Staff, paid.Invoice, paid.Payment, 123.00m);
        console.StatusCode.Should().Be(HttpStatusCode.Created, await console.Content.ReadAsStringAsync());
        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(0m);

        // The gateway reports the console's refund under the id its refund answered (the test module: "refund:<payment event>").
        var echo = await RefundedAtGatewayAsync(paid.Card, $"refund:{paid.PaymentEventId}", paid.PaymentEventId, 123.00m);
        echo.StatusCode.Should().Be(HttpStatusCode.OK, await echo.Content.ReadAsStringAsync());
        (await echo.JsonAsync()).GetProperty("duplicate").GetBoolean().Should().BeTrue();
        // Under another id: the payment has nothing left to refund.
        (await FieldErrorAsync(await RefundedAtGatewayAsync(paid.Card, $"re-{Guid.NewGuid():N}", paid.PaymentEventId, 123.00m), "amount"))
            .Should().Be("The payment is refunded in full already.");

        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(0m);
        await using var db = App.CreateDbContext();
        (await db.Refunds.CountAsync(r => r.PaymentId == paid.Payment)).Should().Be(1);
        (await db.Documents.CountAsync(d => d.ClientId == paid.ClientId && d.Kind == DocumentType.CreditNote)).Should().Be(1);
    }

    [Fact]
    public async Task A_refund_at_the_gateway_of_funds_the_client_spent_is_booked_and_the_client_owes_it()
    {
        var paid = await PaidByCardAsync();
        (await paid.Staff.PostAsJsonAsync($"{V1}/clients/{paid.ClientId}/adjustments", new { amount = -90m, reason = "Spent" })).EnsureSuccessStatusCode();
        // Staff could not give this back (the balance does not cover it) …
        (await StaffRefundAsync(paid.Staff, paid.Invoice, paid.Payment, 123.00m)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        TestPaymentModule.RefundsAsked(paid.PaymentEventId).Should().Be(0, "a refused refund never reaches the gateway");
        // … but the gateway did: the money is gone, so the refund is booked and the balance goes below zero.
        var response = await RefundedAtGatewayAsync(paid.Card, $"re-{Guid.NewGuid():N}", paid.PaymentEventId, 123.00m);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(-90.00m, "10.00 left − the whole 100.00 net the payment credited");
    }

    [Fact]
    public async Task A_staff_refund_whose_save_fails_after_the_gateway_gave_the_money_back_asks_the_gateway_once_and_is_booked_once()
    {
        var paid = await PaidByCardAsync();
        var next = await NextCreditNoteAsync(paid.Company);
        RefundSaveFaults.FailNextSaveOf(paid.Payment);

        var response = await StaffRefundAsync(paid.Staff, paid.Invoice, paid.Payment, 23.00m);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        RefundSaveFaults.IsArmed(paid.Payment).Should().BeFalse("the first attempt's save failed");
        TestPaymentModule.RefundsAsked(paid.PaymentEventId).Should().Be(1, "the attempt after the failed save books the money the gateway gave back, without asking again");
        await using var db = App.CreateDbContext();
        var refund = await db.Refunds.SingleAsync(r => r.PaymentId == paid.Payment);
        (refund.Amount, refund.NetAmount, refund.GatewayRefundId).Should().Be((23.00m, 18.70m, $"refund:{paid.PaymentEventId}"));
        (await db.Documents.Where(d => d.ClientId == paid.ClientId && d.Kind == DocumentType.CreditNote).Select(d => d.Number).ToListAsync())
            .Should().Equal($"KOR/2026/{next:D4}");
        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(81.30m);
    }
}

public sealed class SqliteGatewayRefundsTests(SqlitePaymentsAppFixture fixture) : GatewayRefundsTests(fixture.App), IClassFixture<SqlitePaymentsAppFixture>;

public sealed class PostgresGatewayRefundsTests(PostgresPaymentsAppFixture fixture) : GatewayRefundsTests(fixture.App), IClassFixture<PostgresPaymentsAppFixture>
{
    [Fact]
    public async Task The_same_refund_event_delivered_five_times_at_once_makes_one_refund_and_one_credit_note()
    {
        var paid = await PaidByCardAsync();
        var next = await NextCreditNoteAsync(paid.Company);
        var refundId = $"re-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RefundedAtGatewayAsync(paid.Card, refundId, paid.PaymentEventId, 23.00m)));
        var bodies = new List<JsonElement>();
        foreach (var response in responses)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            bodies.Add(await response.JsonAsync());
        }
        bodies.Select(b => b.GetProperty("refundId").GetGuid()).Distinct().Should().ContainSingle();
        bodies.Select(b => b.GetProperty("creditNoteId").GetGuid()).Distinct().Should().ContainSingle();
        bodies.Count(b => !b.GetProperty("duplicate").GetBoolean()).Should().Be(1);
        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(81.30m);
        (await paid.Staff.TransactionsAsync(paid.ClientId)).Count(r => r.GetProperty("type").GetString() == "Refund").Should().Be(1);
        await using var db = App.CreateDbContext();
        (await db.Refunds.CountAsync(r => r.PaymentId == paid.Payment)).Should().Be(1);
        (await db.Documents.Where(d => d.ClientId == paid.ClientId && d.Kind == DocumentType.CreditNote).Select(d => d.Number).ToListAsync())
            .Should().Equal($"KOR/2026/{next:D4}");
    }

    [Fact]
    public async Task A_console_refund_and_a_gateway_refund_racing_for_the_same_money_let_one_through()
    {
        var paid = await PaidByCardAsync();
        // 100.00 + 100.00 of a 123.00 payment: whichever takes the document's lock first wins, the other finds 23.00 left.
        var console = StaffRefundAsync(paid.Staff, paid.Invoice, paid.Payment, 100.00m);
        var gateway = RefundedAtGatewayAsync(paid.Card, $"re-{Guid.NewGuid():N}", paid.PaymentEventId, 100.00m);
        var responses = await Task.WhenAll(console, gateway);
        responses.Count(r => r.IsSuccessStatusCode).Should().Be(1, string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))));
        (await FieldErrorAsync(responses.Single(r => !r.IsSuccessStatusCode), "amount")).Should().Be("At most 23.00 EUR of the payment can still be refunded.");
        await using var db = App.CreateDbContext();
        (await db.Refunds.Where(r => r.PaymentId == paid.Payment).SumAsync(r => r.Amount)).Should().Be(100.00m);
        (await db.Documents.CountAsync(d => d.ClientId == paid.ClientId && d.Kind == DocumentType.CreditNote)).Should().Be(1);
        // 100.00 gross of 123.00 takes 100.00 × 100 / 123 = 81.30 of the net.
        (await paid.Staff.BalanceAsync(paid.ClientId)).Should().Be(18.70m);
    }
}
