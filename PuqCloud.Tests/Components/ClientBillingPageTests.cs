using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Client;
using ClientAddFunds = PuqCloud.Web.Components.Client.Billing.AddFunds;
using ClientHome = PuqCloud.Web.Components.Client.Home.Home;
using ClientInvoicePage = PuqCloud.Web.Components.Client.Invoices.InvoicePage;
using ClientInvoices = PuqCloud.Web.Components.Client.Invoices.Invoices;
using ClientServicePage = PuqCloud.Web.Components.Client.Services.ServicePage;
using ClientServices = PuqCloud.Web.Components.Client.Services.Services;
using ClientTransactions = PuqCloud.Web.Components.Client.Transactions.Transactions;

namespace PuqCloud.Tests.Components;

/// <summary>
/// The client area's money and service pages inside the context the layout hands down: the dashboard's widgets and alerts,
/// Add funds with its live preview and field errors, invoices, transactions and services (loaded and empty), and what a
/// member without the permission gets instead.
/// </summary>
public sealed class ClientBillingPageTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly MyClientAccount Me = new(Guid.CreateVersion7(), "olga@example.test", "Olga Owner", TwoFactorEnabled: false);
    private static readonly Guid ClientId = Guid.CreateVersion7();
    private static readonly Guid CompanyId = Guid.CreateVersion7();
    private static readonly DateTime At = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static ClientAreaContext Owner() => Member(isOwner: true);

    private static ClientAreaContext Member(bool isOwner = false, params string[] permissions)
    {
        var client = new MyClient(ClientId, "Nowak Hosting", isOwner, permissions);
        return new ClientAreaContext(Me, [client], client, new ClientAreaBrand("Puq Polska sp. z o.o.", null));
    }

    private IRenderedComponent<T> RenderIn<T>(ClientAreaContext context, Action<ComponentParameterCollectionBuilder<T>>? more = null) where T : IComponent
    {
        return RenderWithProviders<T>(p =>
        {
            p.AddCascadingValue(context);
            more?.Invoke(p);
        });
    }

    /// <summary>A dashboard of a client with no service, nothing due and a zero balance; <c>with</c> makes the others.</summary>
    internal static MyDashboard Dashboard(Guid clientId) => new(clientId, "EUR", 2, 0m, 0m, 0m, "0,00\u00a0€", "0,00\u00a0€", "0,00\u00a0€",
        0, 0, 0, 0, 0m, 0m, 0m, "0,0000\u00a0€", "0,00\u00a0€", "0,00\u00a0€", 0m, "0,00\u00a0€", null, false, 0, "0,00\u00a0€", null);

    private static MyDashboard Running() => Dashboard(ClientId) with
    {
        Balance = 5m, BalanceText = "5,00\u00a0€", Available = 5m, AvailableText = "5,00\u00a0€", ServiceCount = 3, ActiveServices = 2, SuspendedServices = 1,
        CostPerHour = 0.1m, CostPerDay = 2.4m, CostPerMonth = 74.4m, CostPerHourText = "0,1000\u00a0€", CostPerDayText = "2,40\u00a0€", CostPerMonthText = "74,40\u00a0€",
        SuggestedTopUp = 72m, SuggestedTopUpText = "72,00\u00a0€", DaysCovered = 2.0m, LowBalance = true,
        UnpaidProformas = 1, UnpaidProformasTotalText = "119,00\u00a0€", FirstUnpaidProformaId = Guid.CreateVersion7(),
    };

    private static DocumentListItem Row(string number, DocumentType kind, DocumentStatus status) => new(Guid.CreateVersion7(), kind, status, number, ClientId, "Nowak Hosting",
        CompanyId, "Puq Polska", "EUR", 100m, 23m, 123m, 0m, "123,00\u00a0€", "0,00\u00a0€", At, At.AddDays(14), At);

    private static DocumentDetails Document(DocumentStatus status = DocumentStatus.Unpaid, bool reverseCharge = false) => new(Guid.CreateVersion7(), DocumentType.Proforma, status,
        "PRO/2026/0042", ClientId, "Nowak Hosting", CompanyId, "Puq Polska", "EUR", 2, 100m, 23m, 123m, 0m, "100,00\u00a0€", "23,00\u00a0€", "123,00\u00a0€", "0,00\u00a0€",
        At, At.AddDays(14), At, [new DocumentLineDto(1, "Add funds", 1m, 100m, 100m, "100,00\u00a0€", "100,00\u00a0€")],
        reverseCharge ? [] : [new DocumentTaxDto(1, "VAT", 23m, 100m, 23m, "100,00\u00a0€", "23,00\u00a0€")], reverseCharge,
        reverseCharge ? "Reverse charge: the buyer accounts for the VAT." : null, null,
        new DocumentParty("Nowak Hosting", "Nowak Hosting sp. z o.o.", null, "olga@example.test", "ul. Długa 10", null, "Gdańsk", "80-827", "PL", null, "PL5840000000"),
        new DocumentParty("Puq Polska", "Puq Polska sp. z o.o.", null, null, "ul. Prosta 1", null, "Warszawa", "00-001", "PL", null, "PL1234567890"));

    private static AddFundsPreview Preview(decimal? amount) => new(ClientId, "EUR", 2, CompanyId, "Puq Polska", 5m, 10000m, 50000m, "5,00\u00a0€", "10\u00a0000,00\u00a0€",
        "50\u00a0000,00\u00a0€", "0,00\u00a0€",
        amount is { } a ? [new DocumentLineDto(1, "Add funds", 1m, a, a, $"{a:0.00}\u00a0€", $"{a:0.00}\u00a0€")] : [],
        amount is { } b ? [new DocumentTaxDto(1, "VAT", 23m, b, b * 0.23m, $"{b:0.00}\u00a0€", $"{b * 0.23m:0.00}\u00a0€")] : [],
        amount ?? 0m, (amount ?? 0m) * 0.23m, (amount ?? 0m) * 1.23m, $"{amount ?? 0m:0.00}\u00a0€", "", $"{(amount ?? 0m) * 1.23m:0.00}\u00a0€", false, null);

    private static TransactionDto Transaction(string description, decimal amount) => new(Guid.CreateVersion7(), ClientId, "Nowak Hosting", 1, LedgerEntryType.Adjustment, null,
        "EUR", amount, amount, amount, 0m, 0m, amount, $"+{amount:0.0000}\u00a0€", $"{amount:0.0000}\u00a0€", description, null, null, null, null, null, At);

    private static ServiceListItem ServiceRow(Guid id, string? label = "web-01") => new(id, "Cloud VPS #1a2b3c", ClientId, "Nowak Hosting", Guid.CreateVersion7(), "Cloud VPS",
        "cloud-vps", ServiceStatus.Active, false, false, label, PricePeriod.Monthly, true, 7.44m, "EUR", "7,44\u00a0€", At.AddHours(1), At.AddHours(1), At);

    private static ServiceDetails Service(Guid id, ServiceStatus status = ServiceStatus.Active, DateTime? terminationRequestedAt = null) => new(
        id, "Cloud VPS #1a2b3c", ClientId, "Nowak Hosting", 9.99m, "9,99\u00a0€", Guid.CreateVersion7(), "Cloud VPS", "cloud-vps", Guid.CreateVersion7(), null, false, HourlyBilling: true,
        status, IsIdle: false, IsManual: false, "web-01", ProvisionStatus.Provisioned, new Dictionary<string, string>(), null, PricePeriod.Monthly, "EUR",
        Setup: 0m, Base: 7.44m, Idle: 0m, Uninstall: 0m, "7,44\u00a0€", 0.01m,
        [new ServiceOptionDto(Guid.CreateVersion7(), "Backups", "Daily", 1m, "1,00\u00a0€", At)], At, At, At, At.AddHours(1), At.AddHours(1), null, null, terminationRequestedAt,
        null, null, 1.25m, "1,2500\u00a0€", SetupText: "0,00\u00a0€", IdleText: "0,00\u00a0€", UninstallText: "0,00\u00a0€", HourlyRateText: "0,0100\u00a0€", HourlyRateBasis: "7,44 € ÷ 744 h");

    // Dashboard

    [Fact]
    public void Dashboard_shows_balance_services_cost_top_up_and_alerts()
    {
        var dashboard = Running();
        Requests.On<GetMyDashboard, MyDashboard>(dashboard);
        var home = RenderIn<ClientHome>(Owner());

        home.Find("[data-testid=dashboard-balance]").TextContent.Should().Be("5,00\u00a0€");
        home.Find("[data-testid=dashboard-active]").TextContent.Should().Be("2");
        home.Find("[data-testid=cost-hour]").TextContent.Should().Be("0,1000\u00a0€");
        home.Find("[data-testid=cost-day]").TextContent.Should().Be("2,40\u00a0€");
        home.Find("[data-testid=cost-month]").TextContent.Should().Be("74,40\u00a0€");
        home.Find("[data-testid=suggested-topup]").TextContent.Should().Be("72,00\u00a0€");
        home.Find("a[data-testid=dashboard-add-funds]").GetAttribute("href").Should().Be("/billing/add-funds?amount=72");
        home.Find("[data-testid=alert-low-balance]").TextContent.Should().Contain("less than 3 days");
        home.Find("[data-testid=alert-suspended]").TextContent.Should().Contain("1 service(s) suspended");
        home.Find("[data-testid=alert-unpaid]").QuerySelector("a")!.GetAttribute("href").Should().Be($"/invoices/{dashboard.FirstUnpaidProformaId}");
        home.FindAll("[data-testid=order-cta]").Should().BeEmpty("the client has services");
    }

    [Fact]
    public void Dashboard_of_a_new_client_has_no_alerts_and_leads_to_ordering()
    {
        Requests.On<GetMyDashboard, MyDashboard>(Dashboard(ClientId));
        var home = RenderIn<ClientHome>(Owner());
        home.FindAll("[data-testid=dashboard-alerts]").Should().BeEmpty();
        home.Find("[data-testid=suggested-topup-none]");
        home.Find("[data-testid=order-cta]");
        home.Find("a[data-testid=dashboard-add-funds]").GetAttribute("href").Should().Be("/billing/add-funds");
    }

    // Add funds

    [Fact]
    public void Add_funds_starts_from_the_suggested_amount_and_previews_the_proforma()
    {
        Requests.On<PreviewMyAddFunds, AddFundsPreview>(r => Preview(r.Amount));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/billing/add-funds?amount=72");
        var page = RenderIn<ClientAddFunds>(Owner());

        page.WaitForAssertion(() => page.FindAll("[data-testid=preview-line]").Should().ContainSingle(), Wait);
        Requests.SentOf<PreviewMyAddFunds>().Last().Amount.Should().Be(72m);
        page.Find("[data-testid=preview-company]").TextContent.Should().Contain("Puq Polska");
    }

    [Fact]
    public void Add_funds_refused_amount_stands_under_the_field_and_an_issued_proforma_opens()
    {
        Requests.On<PreviewMyAddFunds, AddFundsPreview>(r => Preview(r.Amount));
        Requests.Refuse<AddMyFunds>(RequestValidationException.For("Amount", "Add at least 5,00 €."));
        var page = RenderIn<ClientAddFunds>(Owner());
        page.Find("[data-testid=issue-proforma]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=error-Amount]").TextContent.Should().Be("Add at least 5,00 €."), Wait);

        var issued = Document();
        Requests.On<AddMyFunds, DocumentDetails>(issued);
        page.Find("[data-testid=issue-proforma]").Click();
        page.WaitForAssertion(() => Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith($"/invoices/{issued.Id}?issued=1"), Wait);
    }

    [Fact]
    public void Add_funds_without_the_invoices_permission_says_so_and_sends_nothing()
    {
        var page = RenderIn<ClientAddFunds>(Member(permissions: ClientPermissions.ViewTransactions));
        page.Find("[data-testid=no-permission]").TextContent.Should().Contain(ClientPermissions.ManageInvoices);
        Requests.Sent.Should().BeEmpty();
    }

    // Invoices

    [Fact]
    public void Invoices_list_the_client_s_documents()
    {
        Requests.On<ListMyDocuments, PagedResult<DocumentListItem>>(new PagedResult<DocumentListItem>(
            [Row("PRO/2026/0042", DocumentType.Proforma, DocumentStatus.Unpaid), Row("FV/2026/0007", DocumentType.Invoice, DocumentStatus.Issued)], 2, 1, 25));
        var page = RenderIn<ClientInvoices>(Owner());
        page.FindAll("[data-testid=invoice-number]").Select(n => n.TextContent).Should().Equal("PRO/2026/0042", "FV/2026/0007");
        page.FindAll("[data-testid=invoice-kind]").Select(n => n.TextContent).Should().Equal("Proforma", "Invoice");
        page.FindAll("[data-testid=client-pager]").Should().BeEmpty();
    }

    [Fact]
    public void Invoices_empty_say_what_will_appear()
    {
        Requests.On<ListMyDocuments, PagedResult<DocumentListItem>>(new PagedResult<DocumentListItem>([], 0, 1, 25));
        Requests.On<ListMyHeldPayments, IReadOnlyList<MyHeldPayment>>([]);
        var page = RenderIn<ClientInvoices>(Owner());
        page.Find("[data-testid=invoices-empty]").TextContent.Should().Contain("No documents yet");
        page.FindAll("[data-testid=my-held-payments]").Should().BeEmpty("nothing of theirs is held");
    }

    [Fact]
    public void Invoices_say_that_a_payment_arrived_for_a_proforma_that_could_no_longer_take_it()
    {
        Requests.On<ListMyDocuments, PagedResult<DocumentListItem>>(new PagedResult<DocumentListItem>([Row("PRO/2026/0042", DocumentType.Proforma, DocumentStatus.Invoiced)], 1, 1, 25));
        Requests.On<ListMyHeldPayments, IReadOnlyList<MyHeldPayment>>([new MyHeldPayment(Guid.CreateVersion7(), "123,00\u00a0€", new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), "Card",
            Guid.CreateVersion7(), "PRO/2026/0042", "123,00\u00a0€"), new MyHeldPayment(Guid.CreateVersion7(), "100,00\u00a0€", new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc), "Card",
            Guid.CreateVersion7(), "PRO/2026/0042", "123,00\u00a0€", GivenBackText: "23,00\u00a0€")]);
        var page = RenderIn<ClientInvoices>(Owner());
        page.WaitForAssertion(() => page.FindAll("[data-testid=my-held-payment]")[0].TextContent.Should()
            .Contain("We received 123,00\u00a0€ through Card on 2026-12-01 for PRO/2026/0042").And.Contain("not in your balance yet"));
        page.FindAll("[data-testid=my-held-payment-given-back]").Should().ContainSingle("only the second had a part given back")
            .Which.TextContent.Should().Be("23,00\u00a0€ of it went back to you through the gateway; 100,00\u00a0€ is still held.");
        page.FindAll("[data-testid=my-held-payment]")[1].TextContent.Should().Contain("We received 123,00\u00a0€", "what came, not what is left");
        Requests.SentOf<ListMyHeldPayments>().Single().Should().Be(new ListMyHeldPayments(ClientId));
    }

    [Fact]
    public void Invoice_page_shows_parties_lines_taxes_and_totals()
    {
        var document = Document();
        Requests.On<GetMyDocument, DocumentDetails>(document);
        var page = RenderIn<ClientInvoicePage>(Owner(), p => p.Add(x => x.Id, document.Id));
        page.Find("[data-testid=invoice-seller]").TextContent.Should().Contain("Puq Polska sp. z o.o.").And.Contain("PL1234567890");
        page.Find("[data-testid=invoice-buyer]").TextContent.Should().Contain("Nowak Hosting sp. z o.o.").And.Contain("Gdańsk");
        page.FindAll("[data-testid=invoice-line]").Should().ContainSingle();
        page.Find("[data-testid=invoice-tax]").TextContent.Should().Be("23,00\u00a0€");
        page.Find("[data-testid=invoice-total]").TextContent.Should().Be("123,00\u00a0€");
        Requests.SentOf<GetMyDocument>().Single().Should().Be(new GetMyDocument(ClientId, document.Id));
    }

    [Fact]
    public void Invoice_page_of_an_unpaid_proforma_shows_how_to_pay_through_the_chosen_gateway()
    {
        var document = Document();
        var gateway = Guid.CreateVersion7();
        Requests.On<GetMyDocument, DocumentDetails>(document)
            .On<GetMyPaymentOptions, DocumentPaymentOptions>(new DocumentPaymentOptions(document.Id, document.Number, "EUR", 2, 123m, "123,00 €", true,
                [new PaymentGatewayChoice(gateway, "bank", "Bank transfer", "bank-transfer")], DateTime.UtcNow.Date))
            .On<StartMyPayment, PaymentInstructions>(new PaymentInstructions(document.Id, gateway, "Bank transfer", 123m, "EUR", "123,00 €",
                "Transfer 123.00 EUR to PL61 1090 1014 0000 0712 1981 2874 with the reference PF/2026/0001.", null));
        var page = RenderIn<ClientInvoicePage>(Owner(), p => p.Add(x => x.Id, document.Id));

        page.Find("[data-testid=pay-panel]").TextContent.Should().Contain("123,00 €");
        page.Find("[data-testid=pay-start]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=pay-instructions]").TextContent.Should().Contain("PL61 1090").And.Contain("PF/2026/0001"));
        Requests.SentOf<StartMyPayment>().Single().Should().Be(new StartMyPayment(ClientId, document.Id, gateway));
    }

    [Fact]
    public void Invoice_page_says_when_no_gateway_takes_the_currency()
    {
        var document = Document();
        Requests.On<GetMyDocument, DocumentDetails>(document)
            .On<GetMyPaymentOptions, DocumentPaymentOptions>(new DocumentPaymentOptions(document.Id, document.Number, "EUR", 2, 123m, "123,00 €", true, [], DateTime.UtcNow));
        var page = RenderIn<ClientInvoicePage>(Owner(), p => p.Add(x => x.Id, document.Id));

        page.Find("[data-testid=pay-none]").TextContent.Should().Contain("No payment method takes EUR");
        page.FindAll("[data-testid=pay-start]").Should().BeEmpty();
    }

    [Fact]
    public void Invoice_page_of_a_paid_reverse_charge_document_shows_the_note_and_no_place_to_pay()
    {
        var document = Document(DocumentStatus.Invoiced, reverseCharge: true);
        Requests.On<GetMyDocument, DocumentDetails>(document);
        var page = RenderIn<ClientInvoicePage>(Owner(), p => p.Add(x => x.Id, document.Id));
        page.Find("[data-testid=invoice-note]").TextContent.Should().Contain("Reverse charge");
        page.FindAll("[data-testid=pay-panel]").Should().BeEmpty();
    }

    [Fact]
    public void Invoice_page_of_another_client_s_document_says_it_is_not_found()
    {
        Requests.Refuse<GetMyDocument>(new NotFoundException(MyBillingRules.NoSuchDocument));
        var page = RenderIn<ClientInvoicePage>(Owner(), p => p.Add(x => x.Id, Guid.CreateVersion7()));
        page.Find("[data-testid=form-message]").TextContent.Should().Contain("no such document");
    }

    // Transactions

    [Fact]
    public void Transactions_list_the_ledger_rows()
    {
        Requests.On<ListMyTransactions, PagedResult<TransactionDto>>(new PagedResult<TransactionDto>([Transaction("Welcome credit", 25m)], 1, 1, 50));
        var page = RenderIn<ClientTransactions>(Owner());
        page.Find("[data-testid=transaction-description]").TextContent.Should().Be("Welcome credit");
        page.Find("[data-testid=transaction-amount]").TextContent.Should().Contain("25");
    }

    [Fact]
    public void Transactions_empty_say_what_will_appear()
    {
        Requests.On<ListMyTransactions, PagedResult<TransactionDto>>(new PagedResult<TransactionDto>([], 0, 1, 50));
        RenderIn<ClientTransactions>(Owner()).Find("[data-testid=transactions-empty]");
    }

    [Fact]
    public void Transactions_need_their_permission()
    {
        RenderIn<ClientTransactions>(Member(permissions: ClientPermissions.ManageServices)).Find("[data-testid=no-permission]");
        Requests.Sent.Should().BeEmpty();
    }

    // Services

    [Fact]
    public void Services_list_the_client_s_services_and_link_to_each()
    {
        var id = Guid.CreateVersion7();
        Requests.On<ListMyServices, PagedResult<ServiceListItem>>(new PagedResult<ServiceListItem>([ServiceRow(id)], 1, 1, 25));
        var page = RenderIn<ClientServices>(Owner());
        var link = page.Find("a[data-testid=service-link]");
        link.TextContent.Should().Be("web-01");
        link.GetAttribute("href").Should().Be($"/services/{id}");
        page.Find("[data-testid=service-status]").TextContent.Should().Be("Active");
    }

    [Fact]
    public void Services_empty_say_so()
    {
        Requests.On<ListMyServices, PagedResult<ServiceListItem>>(new PagedResult<ServiceListItem>([], 0, 1, 25));
        RenderIn<ClientServices>(Owner()).Find("[data-testid=services-empty]");
    }

    /// <summary>Asking for termination is confirmed first, and both the page and the confirmation name the uninstall fee it will take.</summary>
    [Fact]
    public void Service_page_shows_price_rate_cost_and_asks_for_termination_naming_the_uninstall_fee()
    {
        var id = Guid.CreateVersion7();
        var withFee = Service(id) with { Uninstall = 5m, UninstallText = "5,00\u00a0€" };
        Requests.On<GetMyService, ServiceDetails>(withFee);
        Requests.On<SetMyServiceTermination, ServiceDetails>(r => withFee with { TerminationRequestedAt = r.Requested ? At : null });
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ClientServicePage>(p => p.AddCascadingValue(Owner()).Add(x => x.Id, id));
        page.Find("[data-testid=service-rate]").TextContent.Should().Contain("0,0100");
        page.Find("[data-testid=service-cost]").TextContent.Should().Be("1,2500\u00a0€");
        page.Find("[data-testid=service-options]").TextContent.Should().Contain("Backups: Daily");
        page.Find("[data-testid=termination-terms]").TextContent.Should().Contain("uninstall fee of 5,00\u00a0€");

        page.Find("[data-testid=request-termination]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain("web-01").And.Contain("uninstall fee of 5,00\u00a0€"), Wait);
        Requests.SentOf<SetMyServiceTermination>().Should().BeEmpty("nothing is asked before it is confirmed");
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Request termination")).Click();
        page.WaitForAssertion(() => page.Find("[data-testid=withdraw-termination]"), Wait);
        Requests.SentOf<SetMyServiceTermination>().Single().Should().Be(new SetMyServiceTermination(ClientId, id, true));
    }

    /// <summary>An order that has not started is withdrawn from its page, after a confirmation; a member who may not order is not offered it.</summary>
    [Fact]
    public void A_pending_order_is_cancelled_from_its_page_by_a_member_who_may_order()
    {
        var id = Guid.CreateVersion7();
        Requests.On<GetMyService, ServiceDetails>(Service(id, ServiceStatus.Pending));
        Requests.On<CancelMyOrder, ServiceDetails>(_ => Service(id, ServiceStatus.Cancelled));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ClientServicePage>(p => p.AddCascadingValue(Owner()).Add(x => x.Id, id));

        page.Find("[data-testid=cancel-order]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain("Cancel the order of web-01?"), Wait);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Cancel the order")).Click();
        page.WaitForAssertion(() => page.Find("[data-testid=termination-unavailable]"), Wait);
        Requests.SentOf<CancelMyOrder>().Single().Should().Be(new CancelMyOrder(ClientId, id));

        var viewer = Render<ClientServicePage>(p => p.AddCascadingValue(Member(isOwner: false, ClientPermissions.ManageServices)).Add(x => x.Id, id));
        viewer.FindAll("[data-testid=cancel-order]").Should().BeEmpty();
    }

    [Fact]
    public void Service_page_offers_no_withdrawal_of_a_termination_staff_asked_for()
    {
        var id = Guid.CreateVersion7();
        Requests.On<GetMyService, ServiceDetails>(Service(id, terminationRequestedAt: At) with { TerminationRequestedByStaff = true });
        var page = RenderIn<ClientServicePage>(Owner(), p => p.Add(x => x.Id, id));
        page.Find("[data-testid=termination-by-staff]").TextContent.Should().Be("We asked for this service to end. Contact us if you want to keep it.");
        page.FindAll("[data-testid=withdraw-termination]").Should().BeEmpty();
    }

    [Fact]
    public void Service_page_of_a_terminated_service_offers_no_termination_and_label_errors_stand_under_the_field()
    {
        var id = Guid.CreateVersion7();
        Requests.On<GetMyService, ServiceDetails>(Service(id, ServiceStatus.Terminated));
        Requests.Refuse<SetMyServiceLabel>(RequestValidationException.For("Label", "Use at most 100 characters."));
        var page = RenderIn<ClientServicePage>(Owner(), p => p.Add(x => x.Id, id));
        page.Find("[data-testid=termination-unavailable]");
        page.FindAll("[data-testid=request-termination]").Should().BeEmpty();
        page.Find("[data-testid=save-label]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=error-Label]").TextContent.Should().Be("Use at most 100 characters."), Wait);
    }
}
