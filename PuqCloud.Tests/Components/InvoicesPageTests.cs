using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Dashboard;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Web.Components.Admin.Dashboard;
using PuqCloud.Web.Components.Admin.Finance;

namespace PuqCloud.Tests.Components;

/// <summary>
/// Finance → Invoices (every client's documents, filters kept in the address), a document's page (the frozen seller and
/// buyer, lines, taxes, totals, the reverse-charge note, related documents) and the dashboard's "Money in" widget.
/// </summary>
public sealed class InvoicesPageTests : ComponentTest
{
    private static readonly Guid ClientId = Guid.CreateVersion7();
    private static readonly Guid CompanyId = Guid.CreateVersion7();
    private static readonly Guid OtherCompanyId = Guid.CreateVersion7();
    private static readonly DateTime At = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    public InvoicesPageTests() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    private static PagedResult<T> Page<T>(params T[] items) => new(items, items.Length, 1, 25);

    private static DocumentListItem Row(string? number, DocumentType kind, DocumentStatus status, string totalText, string clientName = "Hans Meier") => new(
        Guid.CreateVersion7(), kind, status, number, ClientId, clientName, CompanyId, "Puq Polska", "EUR", 100m, 19m, 119m, 0m, totalText, "0,00\u00a0€",
        number is null ? null : At, kind == DocumentType.Proforma && number is not null ? At.AddDays(14) : null, At);

    private void GivenCompanies() => Requests.On<ListHomeCompanies, PagedResult<HomeCompanyListItem>>(Page(
        new HomeCompanyListItem(CompanyId, "Puq Polska", "Puq Polska sp. z o.o.", "PL", "Poland", true, 2, 1),
        new HomeCompanyListItem(OtherCompanyId, "Puq Deutschland", null, "DE", "Germany", false, 0, 0)));

    [Fact]
    public void The_invoices_page_lists_every_client_s_documents_with_links_to_the_document_and_the_client()
    {
        GivenCompanies();
        var proforma = Row("PRO/2026/0042", DocumentType.Proforma, DocumentStatus.Unpaid, "119,00\u00a0€");
        Requests.On<ListDocuments, PagedResult<DocumentListItem>>(Page(proforma,
            Row("FV/2026/0007", DocumentType.Invoice, DocumentStatus.Issued, "39,66\u00a0€", "Berlin Hosting GmbH")));

        var page = RenderWithProviders<Invoices>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=invoice-number]").Select(n => n.TextContent).Should().Equal("PRO/2026/0042", "FV/2026/0007"));
        page.FindAll("[data-testid=invoice-number]")[0].GetAttribute("href").Should().Be($"/admin/finance/invoices/{proforma.Id}");
        page.FindAll("[data-testid=invoice-kind]").Select(k => k.TextContent).Should().Equal("Proforma", "Invoice");
        page.FindAll("[data-testid=invoice-status]").Select(s => s.TextContent.Trim()).Should().Equal("Unpaid", "Issued");
        page.FindAll("[data-testid=invoice-client]").Select(c => c.TextContent).Should().Equal("Hans Meier", "Berlin Hosting GmbH");
        page.FindAll("[data-testid=invoice-client]")[0].GetAttribute("href").Should().Be($"/admin/clients/{ClientId}");
        page.FindAll("[data-testid=invoice-company]").Select(c => c.TextContent).Should().AllBe("Puq Polska");
        page.FindAll("[data-testid=invoice-total]").Select(t => t.TextContent).Should().Equal("119,00\u00a0€", "39,66\u00a0€");
        page.FindAll("[data-testid=invoice-paid]").Select(t => t.TextContent).Should().AllBe("0,00\u00a0€");
        page.FindAll("[data-testid=invoice-company-filter]").Should().NotBeEmpty("with two home companies the list can be narrowed to one");
        var sent = Requests.SentOf<ListDocuments>().Last();
        (sent.ClientId, sent.Kind, sent.Status, sent.HomeCompanyId, sent.Issued).Should().Be(((Guid?)null, (DocumentType?)null, (DocumentStatus?)null, (Guid?)null, (PuqCloud.Core.Features.Monitoring.LogPeriod?)null));

        page.FindAll("tr.puq-row-link")[0].Click();
        Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith($"/admin/finance/invoices/{proforma.Id}", "a row opens its document");
    }

    [Fact]
    public void Filters_come_from_the_address_and_a_changed_filter_is_written_back_to_it()
    {
        GivenCompanies();
        Requests.On<ListDocuments, PagedResult<DocumentListItem>>(Page<DocumentListItem>());
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo($"/admin/finance/invoices?kind=Proforma&status=Unpaid&company={CompanyId}&from=2026-12-01&to=2026-12-31&q=meier");

        var page = RenderWithProviders<Invoices>();

        page.WaitForAssertion(() => page.Find("[data-testid=invoices-grid-empty]").TextContent.Should().Contain("No document matches the search or filters."));
        var sent = Requests.SentOf<ListDocuments>().Last();
        (sent.Kind, sent.Status, sent.HomeCompanyId, sent.Page.Search).Should().Be((DocumentType.Proforma, DocumentStatus.Unpaid, CompanyId, "meier"));
        sent.Issued!.FromUtc.Should().Be(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        sent.Issued.ToUtc.Should().Be(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), "the last day counts whole");

        page.Find("[data-testid=invoices-clear-filters]").Click();
        page.WaitForAssertion(() => Requests.SentOf<ListDocuments>().Last().Kind.Should().BeNull());
        nav.Uri.Should().EndWith("/admin/finance/invoices", "cleared filters leave a plain address");
        page.WaitForAssertion(() => page.Find("[data-testid=invoices-grid-empty]").TextContent.Should().Contain("No documents yet."));
    }

    [Fact]
    public void An_empty_invoices_page_says_where_documents_come_from_and_leaves_out_the_company_filter_without_the_permission()
    {
        Requests.Refuse<ListHomeCompanies>(new AccessDeniedException("You may not view home companies."));
        Requests.On<ListDocuments, PagedResult<DocumentListItem>>(Page<DocumentListItem>());
        Requests.On<ListHeldPayments, IReadOnlyList<HeldPaymentDto>>([]);

        var page = RenderWithProviders<Invoices>();

        page.WaitForAssertion(() => page.Find("[data-testid=invoices-grid-empty]").TextContent.Should().Contain("No documents yet."));
        page.FindAll("[data-testid=held-payments]").Should().BeEmpty("nothing is held");
        page.FindAll("[data-testid=invoice-company-filter]").Should().BeEmpty();
        page.FindAll("[data-testid=form-message]").Should().BeEmpty("the list itself was not refused");
    }

    private static readonly Guid ProformaId = Guid.CreateVersion7();
    private static readonly Guid InvoiceId = Guid.CreateVersion7();

    private static DocumentDetails Document(bool reverseCharge = false) => new(
        ProformaId, DocumentType.Proforma, DocumentStatus.Unpaid, "PRO/2026/0042", ClientId, "Hans Meier (renamed since)", CompanyId, "Puq Polska", "EUR", 2,
        100m, reverseCharge ? 0m : 19m, reverseCharge ? 100m : 119m, 19m, "100,00\u00a0€", reverseCharge ? "0,00\u00a0€" : "19,00\u00a0€",
        reverseCharge ? "100,00\u00a0€" : "119,00\u00a0€", "19,00\u00a0€", At, At.AddDays(14), At,
        [new DocumentLineDto(1, "Doładowanie salda / Add funds", 1m, 100m, 100m, "100,00\u00a0€", "100,00\u00a0€")],
        reverseCharge ? [] : [new DocumentTaxDto(1, "VAT", 19m, 100m, 19m, "100,00\u00a0€", "19,00\u00a0€")],
        reverseCharge, reverseCharge ? "Reverse charge: VAT to be accounted for by the recipient (Article 196 of Directive 2006/112/EC)." : null, null,
        new DocumentParty("Berlin Hosting GmbH", "Berlin Hosting GmbH", "Hans Meier", "hans@example.test", "Hauptstraße 5", null, "Berlin", "10115", "DE", null, "DE123456789"),
        new DocumentParty("Puq Polska sp. z o.o.", "Puq Polska sp. z o.o.", null, "billing@puq.example.test", "Prosta 1", null, "Warszawa", "00-001", "PL", null,
            "PL1234567890", "123-456-78-90"))
    {
        Related = [new DocumentLink(InvoiceId, DocumentType.Invoice, DocumentStatus.Issued, "FV/2026/0007", At.AddDays(1))],
        RemainingText = reverseCharge ? "81,00\u00a0€" : "100,00\u00a0€",
    };

    [Fact]
    public void A_document_page_shows_the_frozen_parties_lines_taxes_totals_and_its_related_documents()
    {
        Requests.On<GetDocument, DocumentDetails>(Document());

        var page = RenderWithProviders<DocumentPage>(p => p.Add(d => d.Id, ProformaId));

        page.WaitForAssertion(() => page.Find("[data-testid=page-title]").TextContent.Should().Contain("Proforma PRO/2026/0042"));
        page.Find("[data-testid=breadcrumbs]").TextContent.Should().Contain("Invoices");
        page.Find("[data-testid=document-status]").TextContent.Trim().Should().Be("Unpaid");
        page.Find("[data-testid=document-client]").GetAttribute("href").Should().Be($"/admin/clients/{ClientId}");
        page.Find("[data-testid=party-buyer-name]").TextContent.Should().Be("Berlin Hosting GmbH", "the buyer is printed as the document froze it");
        page.Find("[data-testid=party-buyer]").TextContent.Should().Contain("Hauptstraße 5").And.Contain("10115 Berlin").And.Contain("DE");
        page.Find("[data-testid=party-buyer-vat]").TextContent.Should().Contain("DE123456789");
        page.Find("[data-testid=party-seller]").TextContent.Should().Contain("Puq Polska sp. z o.o.").And.Contain("PL1234567890").And.Contain("123-456-78-90");
        page.Find("[data-testid=document-currency]").TextContent.Should().Be("EUR");
        page.Find("[data-testid=document-due]").TextContent.Should().Contain("2026-12-15");
        var line = page.Find("[data-testid=document-line]").TextContent;
        line.Should().Contain("Doładowanie salda / Add funds").And.Contain("100,00\u00a0€");
        page.Find("[data-testid=document-tax]").TextContent.Should().Contain("VAT").And.Contain("19 %").And.Contain("19,00\u00a0€");
        page.Find("[data-testid=document-subtotal]").TextContent.Should().Be("100,00\u00a0€");
        page.Find("[data-testid=document-tax-total]").TextContent.Should().Be("19,00\u00a0€");
        page.Find("[data-testid=document-total]").TextContent.Should().Be("119,00\u00a0€");
        page.Find("[data-testid=document-paid]").TextContent.Should().Be("19,00\u00a0€");
        page.Find("[data-testid=document-remaining]").TextContent.Should().Be("100,00\u00a0€");
        page.FindAll("[data-testid=document-legal-note]").Should().BeEmpty();
        page.Find("[data-testid=document-related-link]").GetAttribute("href").Should().Be($"/admin/finance/invoices/{InvoiceId}");
        page.Find("[data-testid=document-related]").TextContent.Should().Contain("FV/2026/0007").And.Contain("the final invoice of this proforma");
        page.Find("[data-testid=document-payments-summary]").TextContent.Should().Contain("Paid 19,00\u00a0€ of 119,00\u00a0€");
        page.Find("[data-testid=print-document]");
    }

    [Fact]
    public void A_reverse_charge_document_prints_its_legal_note_and_no_tax_lines()
    {
        Requests.On<GetDocument, DocumentDetails>(Document(reverseCharge: true));

        var page = RenderWithProviders<DocumentPage>(p => p.Add(d => d.Id, ProformaId));

        page.WaitForAssertion(() => page.Find("[data-testid=document-legal-note]").TextContent.Should().Contain("Article 196"));
        page.FindAll("[data-testid=document-taxes]").Should().BeEmpty();
        page.Find("[data-testid=document-tax-total]").TextContent.Should().Be("0,00\u00a0€");
    }

    [Fact]
    public void A_missing_document_says_so_instead_of_a_page()
    {
        Requests.Refuse<GetDocument>(new NotFoundException("There is no such document."));

        var page = RenderWithProviders<DocumentPage>(p => p.Add(d => d.Id, Guid.CreateVersion7()));

        page.WaitForAssertion(() => page.Find("[data-testid=form-message]").TextContent.Should().Contain("There is no such document."));
        page.FindAll("[data-testid=document]").Should().BeEmpty();
    }

    [Fact]
    public void The_money_in_widget_shows_the_month_s_top_ups_and_links_unpaid_proformas_to_the_filtered_list()
    {
        Requests.On<GetMoneyInOverview, MoneyInOverview>(new MoneyInOverview(
            [new CurrencyAmount("EUR", 250m, "250,00\u00a0€"), new CurrencyAmount("USD", 10m, "$10.00")], 3, 2,
            [new CurrencyAmount("EUR", 119m, "119,00\u00a0€")], 1));

        var widget = RenderWithProviders<MoneyInWidget>();

        widget.WaitForAssertion(() => widget.Find("[data-testid=money-in-month]").TextContent.Should().Contain("250,00\u00a0€ · $10.00").And.Contain("3 payments"));
        widget.Find("[data-testid=money-in-unpaid-link]").TextContent.Should().Be("2 waiting for payment");
        widget.Find("[data-testid=money-in-unpaid-link]").GetAttribute("href").Should().Be("/admin/finance/invoices?kind=Proforma&status=Unpaid");
        widget.Find("[data-testid=money-in-unpaid-amounts]").TextContent.Should().Be("119,00\u00a0€");
        widget.Find("[data-testid=money-in-expired]").TextContent.Should().Contain("1 proformas");
    }

    [Fact]
    public async Task An_empty_money_in_widget_says_nothing_came_yet_and_refreshes_when_a_document_changes()
    {
        var overview = new MoneyInOverview([], 0, 0, [], 0);
        Requests.On<GetMoneyInOverview, MoneyInOverview>(_ => overview);

        var widget = RenderWithProviders<MoneyInWidget>();

        widget.WaitForAssertion(() => widget.Find("[data-testid=money-in-month]").TextContent.Should().Contain("Nothing yet"));
        widget.Find("[data-testid=money-in-unpaid-link]").TextContent.Should().Be("0 waiting for payment");
        widget.Find("[data-testid=money-in-expired]").TextContent.Should().Contain("None");

        overview = new MoneyInOverview([], 0, 1, [new CurrencyAmount("EUR", 119m, "119,00\u00a0€")], 0);
        await LiveEvents.PublishAsync(new LiveEvent(DocumentTopics.Documents, ClientId.ToString(), At));
        widget.WaitForAssertion(() => widget.Find("[data-testid=money-in-unpaid-link]").TextContent.Should().Be("1 waiting for payment"));
    }
}
