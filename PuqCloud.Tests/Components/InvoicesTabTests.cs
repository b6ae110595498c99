using Bunit;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Admin.Clients;

namespace PuqCloud.Tests.Components;

/// <summary>A client's Invoices tab (its documents, the empty state, "Add funds" by permission) and the Add funds dialog (live preview, field errors).</summary>
public sealed class InvoicesTabTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly Guid ClientId = Guid.CreateVersion7();
    private static readonly Guid CompanyId = Guid.CreateVersion7();
    private static readonly DateTime At = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static PagedResult<DocumentListItem> Page(params DocumentListItem[] items) => new(items, items.Length, 1, 25);

    private static DocumentListItem Row(string? number, DocumentType kind, DocumentStatus status, decimal total, string totalText) => new(
        Guid.CreateVersion7(), kind, status, number, ClientId, "Hans Meier", CompanyId, "Puq Polska", "EUR", total, 0m, total, 0m, totalText, "0,00\u00a0€",
        number is null ? null : At, kind == DocumentType.Proforma && number is not null ? At.AddDays(14) : null, At);

    private static AddFundsPreview Preview(decimal? amount = null) => amount is { } a
        ? new(ClientId, "EUR", 2, CompanyId, "Puq Polska", 5m, 10000m, 50000m, "5,00\u00a0€", "10\u00a0000,00\u00a0€", "50\u00a0000,00\u00a0€", "0,00\u00a0€",
            [new DocumentLineDto(1, "Add funds", 1m, a, a, $"{a:0.00}\u00a0€", $"{a:0.00}\u00a0€")],
            [new DocumentTaxDto(1, "VAT", 19m, a, 19.00m, $"{a:0.00}\u00a0€", "19,00\u00a0€")], a, 19m, a + 19m, "100,00\u00a0€", "19,00\u00a0€", "119,00\u00a0€", false, null)
        : new(ClientId, "EUR", 2, CompanyId, "Puq Polska", 5m, 10000m, 50000m, "5,00\u00a0€", "10\u00a0000,00\u00a0€", "50\u00a0000,00\u00a0€", "0,00\u00a0€",
            [], [], 0m, 0m, 0m, "0,00\u00a0€", "0,00\u00a0€", "0,00\u00a0€", false, null);

    [Fact]
    public void The_tab_lists_the_client_s_documents_and_add_funds_needs_its_permission()
    {
        Requests.On<ListDocuments, PagedResult<DocumentListItem>>(Page(
            Row("PRO/2026/0042", DocumentType.Proforma, DocumentStatus.Unpaid, 119m, "119,00\u00a0€"),
            Row("FV/2026/0007", DocumentType.Invoice, DocumentStatus.Issued, 39.66m, "39,66\u00a0€")));
        Render<MudPopoverProvider>();
        var tab = Render<ClientInvoicesTab>(p => p.Add(t => t.ClientId, ClientId).Add(t => t.Can, (string perm) => perm == Permissions.InvoicesView));

        tab.WaitForAssertion(() => tab.FindAll("[data-testid=invoice-number]").Select(n => n.TextContent).Should().Equal("PRO/2026/0042", "FV/2026/0007"), Wait);
        tab.FindAll("[data-testid=invoice-kind]").Select(k => k.TextContent).Should().Equal("Proforma", "Invoice");
        tab.FindAll("[data-testid=invoice-status]").Select(s => s.TextContent.Trim()).Should().Equal("Unpaid", "Issued");
        tab.FindAll("[data-testid=invoice-total]").Select(t => t.TextContent).Should().Equal("119,00\u00a0€", "39,66\u00a0€");
        tab.FindAll("[data-testid=invoice-paid]").Select(t => t.TextContent).Should().Equal("0,00\u00a0€", "0,00\u00a0€");
        tab.FindAll("[data-testid=invoice-company]").Select(t => t.TextContent).Should().AllBe("Puq Polska");
        tab.Find("button[data-testid=add-funds]").HasAttribute("disabled").Should().BeTrue("issuing a proforma needs its own permission");
        tab.Find("button[data-testid=add-funds]").GetAttribute("data-opens").Should().Be("dialog");
        Requests.SentOf<ListDocuments>().Single().ClientId.Should().Be(ClientId);
    }

    [Fact]
    public void An_empty_tab_says_what_will_appear_and_offers_add_funds()
    {
        Requests.On<ListDocuments, PagedResult<DocumentListItem>>(Page());
        Render<MudPopoverProvider>();
        var tab = Render<ClientInvoicesTab>(p => p.Add(t => t.ClientId, ClientId).Add(t => t.Can, (string perm) => perm == Permissions.InvoicesAddFunds));

        tab.WaitForAssertion(() => tab.Find("[data-testid=client-invoices-grid-empty]").TextContent.Should().Contain("No documents yet."), Wait);
        tab.Find("button[data-testid=add-funds]").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void The_add_funds_dialog_previews_the_proforma_and_shows_a_refusal_under_the_amount()
    {
        Requests.On<ListDocuments, PagedResult<DocumentListItem>>(Page())
            .On<PreviewAddFunds, AddFundsPreview>(r => r.Amount switch
            {
                null => Preview(),
                < 5m => throw RequestValidationException.For("Amount", "Add at least 5,00\u00a0€."),
                _ => Preview(r.Amount),
            })
            .Refuse<AddFunds>(RequestValidationException.For("Amount", "The balance may reach at most 50\u00a0000,00\u00a0€: at most 0,00\u00a0€ can be added now."));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var tab = Render<ClientInvoicesTab>(p => p.Add(t => t.ClientId, ClientId).Add(t => t.Can, (string perm) => perm == Permissions.InvoicesAddFunds));

        tab.WaitForAssertion(() => tab.Find("[data-testid=client-invoices-grid-empty]"), Wait);
        tab.Find("button[data-testid=add-funds]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=preview-company]").TextContent.Should().Contain("Puq Polska"), Wait);
        dialogs.Find("[data-testid=add-funds-dialog]").TextContent.Should().Contain("From 5,00\u00a0€ to 10\u00a0000,00\u00a0€", "the limits in the client's currency stand under the field");

        dialogs.Find("input[data-testid=add-funds-amount]").Input("100");
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=preview-total]").TextContent.Should().Be("119,00\u00a0€"), Wait);
        dialogs.FindAll("[data-testid=preview-tax]").Should().ContainSingle().Which.TextContent.Should().Contain("VAT 19 %").And.Contain("19,00\u00a0€");

        dialogs.Find("input[data-testid=add-funds-amount]").Input("4");
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Amount]").TextContent.Should().Be("Add at least 5,00\u00a0€."), Wait);
        dialogs.FindAll("[data-testid=add-funds-preview]").Should().BeEmpty("a refused amount has nothing to preview");
        dialogs.Find("[data-testid=error-Amount]").PreviousElementSibling!.QuerySelector("input[data-testid=add-funds-amount]").Should().NotBeNull("the reason stands right under its field");

        dialogs.Find("input[data-testid=add-funds-amount]").Input("100");
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=error-Amount]").Should().BeEmpty(), Wait);
        dialogs.Find("button[data-testid=issue-proforma]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Amount]").TextContent.Should().Contain("at most 0,00\u00a0€ can be added now"), Wait);
        Requests.SentOf<AddFunds>().Single().Should().Be(new AddFunds(ClientId, 100m));
        dialogs.FindAll("[data-testid=add-funds-dialog]").Should().ContainSingle("a refused proforma keeps the dialog open");
    }
}
