using Bunit;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Admin.Finance;

namespace PuqCloud.Tests.Components;

/// <summary>The payments panel of a document page (each payment with "Refund", gated by its permission) and the refund dialog (prefilled, refusals under their fields).</summary>
public sealed class RefundDialogTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly Guid ProformaId = Guid.CreateVersion7();
    private static readonly DateTime At = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static PaymentDto Payment(params PaymentRefundDto[] refunds) => new(Guid.CreateVersion7(), ProformaId, "PRO/2026/0001", Guid.CreateVersion7(), "bank_eur",
        "Przelew / Bank transfer", "bank:X:41:2026-12-01", 41m, 33.33m, "EUR", "41,00\u00a0€", "33,33\u00a0€", At, "X", null, null, Guid.CreateVersion7(), At,
        refunds, $"{refunds.Sum(r => r.Amount):F2}\u00a0€");

    private static PaymentRefundDto Refund(decimal amount, string reason, string? staff = "Anna Admin", bool creditNote = true) =>
        new(Guid.CreateVersion7(), amount, $"{amount:F2}\u00a0€", At.AddHours(3), reason, creditNote ? Guid.CreateVersion7() : null, creditNote ? "KOR/2026/0001" : null, staff);

    private static DocumentDetails Proforma() => new(ProformaId, DocumentType.Proforma, DocumentStatus.Invoiced, "PRO/2026/0001", Guid.CreateVersion7(), "Hans Meier",
        Guid.CreateVersion7(), "Puq Polska", "EUR", 2, 33.33m, 7.67m, 41m, 41m, "33,33\u00a0€", "7,67\u00a0€", "41,00\u00a0€", "41,00\u00a0€", At, At.AddDays(14), At,
        [], [], false, null, null, new DocumentParty("Hans Meier"), new DocumentParty("Puq Polska"));

    [Fact]
    public void The_dialog_starts_with_what_can_still_be_refunded_and_shows_a_refusal_under_its_field()
    {
        var payment = Payment(Refund(10m, "Partly unused"));
        Requests.Refuse<RefundPayment>(RequestValidationException.For("Reason", "Say why the money is given back."));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var service = (IDialogService)Services.GetService(typeof(IDialogService))!;
        dialogs.InvokeAsync(() => service.ShowAsync<RefundDialog>("Refund", new DialogParameters<RefundDialog>
            { { d => d.DocumentId, ProformaId }, { d => d.Payment, payment }, { d => d.CurrencyDecimals, 2 } }));

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=refund-payment-summary]").TextContent.Should().Contain("41,00\u00a0€").And.Contain("Przelew / Bank transfer"), Wait);
        dialogs.Find("input[data-testid=refund-amount]").GetAttribute("value").Should().Be(31m.ToString("F2", System.Globalization.CultureInfo.CurrentCulture), "the payment minus what was refunded");
        dialogs.Find("button[data-testid=refund-save]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Reason]").TextContent.Should().Be("Say why the money is given back."), Wait);
        var sent = Requests.SentOf<RefundPayment>().Single();
        (sent.DocumentId, sent.PaymentId, sent.Amount).Should().Be((ProformaId, payment.Id, 31m));
        dialogs.FindAll("[data-testid=refund-dialog]").Should().ContainSingle("a refused refund keeps the dialog open");
    }

    [Fact]
    public void The_panel_lists_the_payments_and_refund_needs_its_permission()
    {
        Requests.On<ListDocumentPayments, IReadOnlyList<PaymentDto>>([Payment(Refund(30m, "Customer cancelled"), Refund(11m, "Chargeback at the bank", staff: null)), Payment()]);
        GivenStaffPermissions(Permissions.InvoicesRefund);
        var details = Proforma();
        var panel = RenderWithProviders<DocumentPaymentsPanel>(p => p.Add(c => c.Document, details));

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=document-payment]").Should().HaveCount(2), Wait);
        var buttons = panel.FindAll("button[data-testid=refund-payment]");
        buttons[0].HasAttribute("disabled").Should().BeTrue("a payment refunded in full has nothing left to give back");
        buttons[1].HasAttribute("disabled").Should().BeFalse();
        panel.Find("[data-testid=document-payment-refunded]").TextContent.Should().Contain($"{41m:F2}");
    }

    [Fact]
    public void Each_refund_shows_under_its_payment_with_its_credit_note_who_gave_it_and_why()
    {
        var full = Payment(Refund(30m, "Customer cancelled"), Refund(11m, "Chargeback at the bank", staff: null), Refund(5m, "Paid twice", creditNote: false));
        Requests.On<ListDocumentPayments, IReadOnlyList<PaymentDto>>([full, Payment()]);
        var panel = RenderWithProviders<DocumentPaymentsPanel>(p => p.Add(c => c.Document, Proforma()));

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=document-payment]").Should().HaveCount(2), Wait);
        var payments = panel.FindAll("[data-testid=document-payment]");
        payments[1].QuerySelectorAll("[data-testid=document-refund]").Should().BeEmpty("a payment without refunds lists none");
        var refunds = payments[0].QuerySelectorAll("[data-testid=document-refund]");
        refunds.Select(r => r.QuerySelector("[data-testid=document-refund-reason]")!.TextContent).Should().Equal("Customer cancelled", "Chargeback at the bank", "Paid twice");
        refunds[0].TextContent.Should().Contain($"{30m:F2}").And.Contain("Anna Admin");
        refunds[1].TextContent.Should().Contain("reported by the gateway", "a refund the gateway reported has no staff member");
        refunds[0].QuerySelector("a[data-testid=document-refund-credit-note]")!.GetAttribute("href").Should().Be($"/admin/finance/invoices/{full.Refunds[0].CreditNoteId}");
        refunds[2].QuerySelector("[data-testid=document-refund-credit-note]").Should().BeNull("a refund before the final invoice has no credit note to link");
        refunds[2].QuerySelector("[data-testid=document-refund-no-credit-note]")!.TextContent.Should().Be("before the invoice, no credit note");
    }

    [Theory]
    [InlineData(true, "a credit note for the amount is issued")]
    [InlineData(false, "no credit note is issued and it asks for the amount again")]
    public void The_dialog_says_whether_a_credit_note_is_issued(bool invoiced, string said)
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var service = (IDialogService)Services.GetService(typeof(IDialogService))!;
        dialogs.InvokeAsync(() => service.ShowAsync<RefundDialog>("Refund", new DialogParameters<RefundDialog>
            { { d => d.DocumentId, ProformaId }, { d => d.Payment, Payment() }, { d => d.Invoiced, invoiced } }));
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=refund-payment-summary]").TextContent.Should().Contain(said), Wait);
    }

    [Fact]
    public void Without_payments_the_panel_says_so()
    {
        Requests.On<ListDocumentPayments, IReadOnlyList<PaymentDto>>([]);
        var panel = RenderWithProviders<DocumentPaymentsPanel>(p => p.Add(c => c.Document, Proforma()));
        panel.WaitForAssertion(() => panel.Find("[data-testid=no-document-payments]").Should().NotBeNull(), Wait);
    }
}
