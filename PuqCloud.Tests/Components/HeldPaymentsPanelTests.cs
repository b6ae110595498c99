using Bunit;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Admin.Finance;

namespace PuqCloud.Tests.Components;

/// <summary>The held money panel (Finance → Invoices, a client's Invoices tab) and its "Apply" dialog: what it shows, which buttons need which permission, and refusals under the choice.</summary>
public sealed class HeldPaymentsPanelTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly Guid ClientId = Guid.CreateVersion7();
    private static readonly Guid HeldId = Guid.CreateVersion7();
    private static readonly Guid OpenTopUp = Guid.CreateVersion7();
    private static readonly Guid OtherProforma = Guid.CreateVersion7();
    private static readonly DateTime At = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static readonly Guid CompanyId = Guid.CreateVersion7();

    private static HeldPaymentDto Held(string? givenBack = null) => new(HeldId, ClientId, "Hans Meier", Guid.CreateVersion7(), "PRO/2026/0001", Guid.CreateVersion7(), "Card", CompanyId, "evt_42",
        41m, "EUR", "41,00\u00a0€", givenBack is null ? "41,00\u00a0€" : "50,00\u00a0€", givenBack, At, "card evt_42", "Proforma PRO/2026/0001 is invoiced: it takes no more payments.", HeldPaymentStatus.Held, At,
        null, null, null, null, null, null);

    private static DocumentListItem Proforma(Guid id, string number, string currency, decimal total) => new(
        id, DocumentType.Proforma, DocumentStatus.Unpaid, number, ClientId, "Hans Meier", Guid.CreateVersion7(), "Puq Polska", currency, total, 0m, total, 0m,
        $"{total:F2}", "0,00", At, At.AddDays(14), At);

    [Fact]
    public void Held_money_shows_with_its_reason_and_each_action_needs_its_permission()
    {
        Requests.On<ListHeldPayments, IReadOnlyList<HeldPaymentDto>>([Held()]);
        GivenStaffPermissions(Permissions.InvoicesView, Permissions.InvoicesRecordPayment);

        var panel = RenderWithProviders<HeldPaymentsPanel>();

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=held-payment]").Should().ContainSingle(), Wait);
        panel.Find("[data-testid=held-payment-amount]").TextContent.Should().Be("41,00\u00a0€");
        panel.Find("[data-testid=held-payment-reason]").TextContent.Should().Contain("takes no more payments");
        panel.Find("[data-testid=held-payment-client]").TextContent.Should().Be("Hans Meier", "the list of every client's names the client");
        panel.Find("button[data-testid=apply-held-payment]").HasAttribute("disabled").Should().BeFalse();
        panel.Find("button[data-testid=give-back-held-payment]").HasAttribute("disabled").Should().BeTrue("recording a give-back needs finance.invoices.refund");
        Requests.SentOf<ListHeldPayments>().Should().OnlyContain(r => r.ClientId == null && r.OpenOnly);
        panel.FindAll("[data-testid=held-payment-given-back]").Should().BeEmpty("nothing of it was given back");
    }

    [Fact]
    public void Held_money_the_gateway_gave_part_of_back_shows_what_is_left_of_what_came()
    {
        Requests.On<ListHeldPayments, IReadOnlyList<HeldPaymentDto>>([Held(givenBack: "9,00\u00a0€")]);
        GivenStaffPermissions(Permissions.InvoicesView);

        var panel = RenderWithProviders<HeldPaymentsPanel>();

        panel.WaitForAssertion(() => panel.Find("[data-testid=held-payment-amount]").TextContent.Should().StartWith("41,00\u00a0€"), Wait);
        panel.Find("[data-testid=held-payment-given-back]").TextContent.Should().Be("of 50,00\u00a0€; 9,00\u00a0€ given back at the gateway");
    }

    [Fact]
    public void The_apply_dialog_offers_the_client_s_open_proformas_in_the_held_currency_and_shows_a_refusal_under_the_choice()
    {
        Requests.On<ListHeldPayments, IReadOnlyList<HeldPaymentDto>>([Held()])
            .On<ListDocuments, PagedResult<DocumentListItem>>(new PagedResult<DocumentListItem>([
                Proforma(OtherProforma, "PRO/2026/0007", "EUR", 100m), Proforma(OpenTopUp, "PRO/2026/0008", "EUR", 41m), Proforma(Guid.CreateVersion7(), "PRO/2026/0009", "USD", 41m)], 3, 1, 100))
            .Refuse<ApplyHeldPayment>(RequestValidationException.For("Amount", "At most 40.00 EUR is still due."));
        GivenStaffPermissions(Permissions.InvoicesView, Permissions.InvoicesRecordPayment);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var panel = Render<HeldPaymentsPanel>(p => p.Add(c => c.ClientId, ClientId));

        panel.WaitForAssertion(() => panel.Find("button[data-testid=apply-held-payment]").HasAttribute("disabled").Should().BeFalse(), Wait);
        panel.FindAll("[data-testid=held-payment-client]").Should().BeEmpty("a client's own tab does not repeat its name");
        panel.Find("button[data-testid=apply-held-payment]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=apply-held-payment-document]").TextContent.Should().Contain("PRO/2026/0008",
            "the proforma that asks for exactly the held amount is chosen first"), Wait);
        var listed = Requests.SentOf<ListDocuments>().Single();
        (listed.ClientId, listed.Kind, listed.Status, listed.HomeCompanyId).Should().Be((ClientId, DocumentType.Proforma, DocumentStatus.Unpaid, CompanyId),
            "only proformas of the gateway's company can take its money");

        dialogs.Find("button[data-testid=apply-held-payment-save]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Amount]").TextContent.Should().Be("At most 40.00 EUR is still due."), Wait);
        Requests.SentOf<ApplyHeldPayment>().Single().Should().Be(new ApplyHeldPayment(HeldId, OpenTopUp));
        dialogs.FindAll("[data-testid=apply-held-payment-dialog]").Should().ContainSingle("a refused apply keeps the dialog open");
    }
}
