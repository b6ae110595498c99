using Bunit;
using Microsoft.AspNetCore.Components;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Live;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Client;
using ClientHome = PuqCloud.Web.Components.Client.Home.Home;
using ClientInvoices = PuqCloud.Web.Components.Client.Invoices.Invoices;
using ClientTransactions = PuqCloud.Web.Components.Client.Transactions.Transactions;

namespace PuqCloud.Tests.Components;

/// <summary>
/// The client area's live pages: an event of the client shown reads the page again, an event of another client or of a topic
/// the page does not follow reads nothing.
/// </summary>
public sealed class ClientLivePageTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly MyClientAccount Me = new(Guid.CreateVersion7(), "olga@example.test", "Olga Owner", TwoFactorEnabled: false);
    private static readonly Guid ClientId = Guid.CreateVersion7();
    private static readonly Guid OtherClientId = Guid.CreateVersion7();

    private static ClientAreaContext Owner()
    {
        var client = new MyClient(ClientId, "Nowak Hosting", true, []);
        return new ClientAreaContext(Me, [client], client, new ClientAreaBrand("Puq Polska sp. z o.o.", null));
    }

    private IRenderedComponent<T> RenderIn<T>() where T : IComponent => RenderWithProviders<T>(p => p.AddCascadingValue(Owner()));

    private Task PublishAsync(string topic, Guid clientId) => LiveEvents.PublishAsync(new LiveEvent(topic, clientId.ToString(), DateTime.UtcNow));

    [Fact]
    public async Task The_dashboard_reads_its_figures_again_when_its_clients_balance_or_documents_change_and_only_then()
    {
        var balance = 0m;
        Requests.On<GetMyDashboard, MyDashboard>(_ => ClientBillingPageTests.Dashboard(ClientId) with { Balance = balance, BalanceText = $"{balance:0.00}\u00a0€" });
        var home = RenderIn<ClientHome>();
        home.WaitForAssertion(() => home.Find("[data-testid=dashboard-balance]").TextContent.Should().Be("0.00\u00a0€"), Wait);

        balance = 12.5m;
        await PublishAsync(ServiceTopics.Services, OtherClientId);
        await PublishAsync(DocumentTopics.Documents, OtherClientId);
        await PublishAsync(LiveTopics.Heartbeat, ClientId);
        Requests.SentOf<GetMyDashboard>().Should().HaveCount(1, "another client's events and other topics leave the page alone");

        await PublishAsync(ServiceTopics.Services, ClientId);
        home.WaitForAssertion(() => home.Find("[data-testid=dashboard-balance]").TextContent.Should().Be("12.50\u00a0€"), Wait);
        await PublishAsync(DocumentTopics.Documents, ClientId);
        home.WaitForAssertion(() => Requests.SentOf<GetMyDashboard>().Should().HaveCount(3), Wait);
        Requests.SentOf<GetMyDashboard>().Should().OnlyContain(r => r.ClientId == ClientId);
    }

    [Fact]
    public async Task Transactions_follow_the_clients_balance_and_not_its_documents()
    {
        var rows = new List<TransactionDto>();
        Requests.On<ListMyTransactions, PagedResult<TransactionDto>>(_ => new PagedResult<TransactionDto>([.. rows], rows.Count, 1, 50));
        var page = RenderIn<ClientTransactions>();
        page.WaitForAssertion(() => page.Find("[data-testid=transactions-empty]"), Wait);

        rows.Add(new TransactionDto(Guid.CreateVersion7(), ClientId, "Nowak Hosting", 1, LedgerEntryType.Adjustment, null, "EUR", 4m, 4m, 4m, 0m, 0m, 4m,
            "+4.0000\u00a0€", "4.0000\u00a0€", "Goodwill credit", null, null, null, null, null, DateTime.UtcNow));
        await PublishAsync(DocumentTopics.Documents, ClientId);
        await PublishAsync(ServiceTopics.Services, OtherClientId);
        Requests.SentOf<ListMyTransactions>().Should().HaveCount(1);

        await PublishAsync(ServiceTopics.Services, ClientId);
        page.WaitForAssertion(() => page.Find("[data-testid=transaction-description]").TextContent.Should().Be("Goodwill credit"), Wait);
    }

    [Fact]
    public async Task Invoices_follow_the_clients_documents()
    {
        var rows = new List<DocumentListItem>();
        Requests.On<ListMyDocuments, PagedResult<DocumentListItem>>(_ => new PagedResult<DocumentListItem>([.. rows], rows.Count, 1, 50));
        var page = RenderIn<ClientInvoices>();
        page.WaitForAssertion(() => page.Find("[data-testid=invoices-empty]"), Wait);

        var at = DateTime.UtcNow;
        rows.Add(new DocumentListItem(Guid.CreateVersion7(), DocumentType.Proforma, DocumentStatus.Unpaid, "PRO/2026/0001", ClientId, "Nowak Hosting", Guid.CreateVersion7(),
            "Puq Polska", "EUR", 100m, 23m, 123m, 0m, "123,00\u00a0€", "0,00\u00a0€", at, at.AddDays(14), at));
        await PublishAsync(DocumentTopics.Documents, OtherClientId);
        Requests.SentOf<ListMyDocuments>().Should().HaveCount(1);

        await PublishAsync(DocumentTopics.Documents, ClientId);
        page.WaitForAssertion(() => page.Find("[data-testid=invoice-number]").TextContent.Should().Be("PRO/2026/0001"), Wait);
    }
}
