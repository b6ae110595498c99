using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.Automation;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Admin.Automation;
using PuqCloud.Web.Components.Admin.Clients;
using PuqCloud.Web.Components.Admin.Finance;
using PuqCloud.Web.Components.Admin.Services;

namespace PuqCloud.Tests.Components;

/// <summary>
/// Services and the ledger: the services list (rows and empty state), the actions of a service page per status and
/// permission, refusals and the termination confirmation, the client's Transactions tab with its adjustment dialog,
/// the new-service form's field errors and the Scheduler's test clock.
/// </summary>
public sealed class ServicesPageTests : ComponentTest
{
    /// <summary>Generous: the test machine is shared and often busy.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly Guid ClientId = Guid.CreateVersion7();
    private static readonly Guid ProductId = Guid.CreateVersion7();
    private static readonly DateTime At = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static PagedResult<T> Page<T>(params T[] items) => new(items, items.Length, 1, 25);

    private static ServiceListItem Row(Guid id, ServiceStatus status = ServiceStatus.Active) => new(id, "Cloud VPS #1a2b3c", ClientId, "Acme Hosting", ProductId, "Cloud VPS",
        "cloud-vps", status, IsIdle: true, IsManual: true, "web-01.acme.test", PricePeriod.Monthly, Metered: true, 7.44m, "USD", "$7.44", At.AddHours(1), At.AddHours(1), At);

    private static ServiceDetails Service(Guid id, ServiceStatus status, bool allowIdle = true, decimal uninstall = 2.5m, DateTime? terminationRequestedAt = null) => new(
        id, "Cloud VPS #1a2b3c", ClientId, "Acme Hosting", 9.99m, "$9.99", ProductId, "Cloud VPS", "cloud-vps", Guid.CreateVersion7(), null, allowIdle, HourlyBilling: true,
        status, IsIdle: false, IsManual: false, "web-01.acme.test", ProvisionStatus.NotProvisioned, new Dictionary<string, string>(), null, PricePeriod.Monthly, "USD",
        Setup: 0m, Base: 7.44m, Idle: 1m, Uninstall: uninstall, "$7.44", status == ServiceStatus.Active ? 0.01m : null, [], At, status == ServiceStatus.Pending ? null : At, At, At.AddHours(1),
        At.AddHours(1), null, null, terminationRequestedAt, null, null, 0.01m, "$0.0100", SetupText: "$0.00", IdleText: "$1.00", UninstallText: Usd(uninstall),
        HourlyRateText: status == ServiceStatus.Active ? "$0.0100" : null, HourlyRateBasis: status == ServiceStatus.Active ? "$7.44 ÷ 744 h" : null);

    private static TransactionDto Transaction(LedgerEntryType type, decimal amount, string amountText, string balanceText, string description, Guid? serviceId = null) => new(
        Guid.CreateVersion7(), ClientId, "Acme Hosting", 1, type, type == LedgerEntryType.Charge ? ChargeKind.Period : null, "USD", amount, Math.Abs(amount), Math.Abs(amount), 0m,
        0m, 0m, amountText, balanceText, description, serviceId, type == LedgerEntryType.Charge ? At : null, type == LedgerEntryType.Charge ? At.AddHours(1) : null,
        type == LedgerEntryType.Charge ? 0.01m : null, null, At);

    private static ClientDetails Acme() => new(ClientId, "Acme Hosting", "Olga", "Owner", "Acme Hosting", null, null, "en", Guid.CreateVersion7(), "USD", ClientStatus.Active,
        9.99m, "$9.99", null, At, Guid.CreateVersion7(), "Olga Owner", "olga@example.test", 1, null);

    private static ClientCredit Credit(decimal balance = 9.99m, decimal limit = 0m) =>
        new(ClientId, "USD", balance, limit, balance + limit, Usd(balance), Usd(limit), Usd(balance + limit));

    private static string Usd(decimal amount) => (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private void GivenAServicePage(Guid id, ServiceStatus status, params string[] permissions)
    {
        GivenStaffPermissions([Permissions.ServicesView, .. permissions]);
        Requests.On<GetService, ServiceDetails>(Service(id, status));
    }

    [Fact]
    public void All_services_shows_each_service_with_its_client_product_status_price_and_label()
    {
        GivenStaffPermissions(Permissions.ServicesView, Permissions.ServicesCreate, Permissions.ProductsView);
        var id = Guid.CreateVersion7();
        Requests.On<ListServices, PagedResult<ServiceListItem>>(Page(Row(id)))
            .On<ListProducts, PagedResult<ProductListItem>>(Page(new ProductListItem(ProductId, "cloud-vps", "Cloud VPS", null, true, true, false, 0, 1)));

        var page = RenderWithProviders<AllServices>();

        page.WaitForAssertion(() => page.Find("[data-testid=services-grid]").TextContent.Should().Contain("Cloud VPS #1a2b3c"), Wait);
        page.Find($"a[href='/admin/services/{id}']").TextContent.Should().Be("Cloud VPS #1a2b3c");
        page.Find("[data-testid=service-label]").TextContent.Should().Be("web-01.acme.test");
        page.Find($"a[href='/admin/clients/{ClientId}']").TextContent.Should().Be("Acme Hosting");
        page.Find("[data-testid=services-grid]").TextContent.Should().Contain("cloud-vps").And.Contain("Monthly · by the hour");
        page.Find("[data-testid=service-price]").TextContent.Should().Be("$7.44");
        page.Find("[data-testid=service-status]").TextContent.Should().Be("Active");
        page.Find("[data-testid=service-status]").ClassList.Should().Contain("mud-chip-color-success");
        page.FindAll("[data-testid=service-idle]").Should().ContainSingle();
        page.FindAll("[data-testid=service-manual]").Should().ContainSingle();
        page.FindAll("input[data-testid=service-product-filter]").Should().ContainSingle("the products fill the product filter");
        page.Find("a[data-testid=create-service]").GetAttribute("href").Should().Be("/admin/services/new");
    }

    [Fact]
    public void All_services_without_any_service_says_so_and_offers_create_new()
    {
        GivenStaffPermissions(Permissions.ServicesView, Permissions.ServicesCreate);
        Requests.On<ListServices, PagedResult<ServiceListItem>>(Page<ServiceListItem>())
            .Refuse<ListProducts>(new AccessDeniedException("You may not view products."));

        var page = RenderWithProviders<AllServices>();

        page.WaitForAssertion(() => page.Find("[data-testid=services-grid-empty]").TextContent.Should().Contain("No services yet."), Wait);
        page.WaitForAssertion(() => page.Find("[data-testid=services-grid-create]").GetAttribute("href").Should().Be("/admin/services/new"), Wait);
        page.FindAll("input[data-testid=service-product-filter]").Should().BeEmpty("without the products the filter is left out");
        page.FindAll("[data-testid=form-message]").Should().BeEmpty("the grid does not need the products");
    }

    [Fact]
    public void All_services_without_the_create_permission_offers_no_create_in_the_empty_state()
    {
        GivenStaffPermissions(Permissions.ServicesView);
        Requests.On<ListServices, PagedResult<ServiceListItem>>(Page<ServiceListItem>())
            .On<ListProducts, PagedResult<ProductListItem>>(Page<ProductListItem>());

        var page = RenderWithProviders<AllServices>();

        page.WaitForAssertion(() => page.Find("[data-testid=services-grid-empty]").TextContent.Should().Contain("No services yet."), Wait);
        page.FindAll("[data-testid=services-grid-create]").Should().BeEmpty();
        page.Find("[data-testid=create-service]").HasAttribute("disabled").Should().BeTrue();
    }

    public static TheoryData<ServiceStatus, string[]> ActionsPerStatus => new()
    {
        { ServiceStatus.Pending, ["service-activate", "service-cancel"] },
        { ServiceStatus.Active, ["service-change-package", "service-change-options", "service-suspend", "service-idle", "service-request-termination", "service-terminate"] },
        { ServiceStatus.Suspended, ["service-unsuspend", "service-request-termination", "service-terminate"] },
        { ServiceStatus.Terminated, [] },
        { ServiceStatus.Cancelled, [] },
    };

    [Theory]
    [MemberData(nameof(ActionsPerStatus))]
    public void Service_page_offers_the_actions_of_its_status_only(ServiceStatus status, string[] expected)
    {
        var id = Guid.CreateVersion7();
        GivenAServicePage(id, status, Permissions.ServicesManage, Permissions.ServicesEdit);

        var page = RenderWithProviders<ServicePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=service-overview]"), Wait);
        page.Find("[data-testid=page-title]").TextContent.Should().Contain("Cloud VPS #1a2b3c");
        page.Find("[data-testid=breadcrumbs]").TextContent.Should().Contain("Services");
        page.FindAll("button[data-testid^=service-]").Select(b => b.GetAttribute("data-testid")).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void An_idle_service_of_a_product_that_stopped_offering_idle_can_still_be_woken()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.ServicesView, Permissions.ServicesManage);
        Requests.On<GetService, ServiceDetails>(Service(id, ServiceStatus.Active) with { IsIdle = true, AllowIdle = false });

        var page = RenderWithProviders<ServicePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=service-overview]"), Wait);
        page.FindAll("button[data-testid=service-unidle]").Should().ContainSingle();
        page.FindAll("button[data-testid=service-idle]").Should().BeEmpty();
    }

    [Fact]
    public void Service_page_offers_retry_provisioning_when_every_create_failed_and_sends_it()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.ServicesView, Permissions.ServicesManage);
        var failed = Service(id, ServiceStatus.Active) with { ProvisionStatus = ProvisionStatus.Failed, ProvisionError = "refused create" };
        Requests.On<GetService, ServiceDetails>(failed with { RetryableModuleAction = "create" })
            .On<RetryServiceProvisioning, ServiceDetails>(failed with { ProvisionStatus = ProvisionStatus.InProgress });

        var page = RenderWithProviders<ServicePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("button[data-testid=service-retry-provisioning]").Click(), Wait);
        page.WaitForAssertion(() => Requests.SentOf<RetryServiceProvisioning>().Should().ContainSingle().Which.Id.Should().Be(id), Wait);
    }

    [Fact]
    public void Service_page_offers_to_send_a_terminate_that_failed_every_try_again()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.ServicesView, Permissions.ServicesManage);
        var failed = Service(id, ServiceStatus.Terminated) with { ProvisionStatus = ProvisionStatus.Failed, ProvisionError = "provider down" };
        Requests.On<GetService, ServiceDetails>(failed with { RetryableModuleAction = "terminate" });

        var page = RenderWithProviders<ServicePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("button[data-testid=service-retry-provisioning]").TextContent.Should().Be("Retry \"Terminate\""), Wait);
        page.Find("button[data-testid=service-retry-provisioning]").GetAttribute("title").Should().Be("The module's \"Terminate\" failed every try: queue it again.");
    }

    [Fact]
    public void Service_overview_writes_the_fees_and_the_hourly_rate_in_the_client_s_currency()
    {
        var id = Guid.CreateVersion7();
        GivenAServicePage(id, ServiceStatus.Active);

        var page = RenderWithProviders<ServicePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=overview-hourly-rate]").TextContent.Should().Be("$0.0100 per hour"), Wait);
        page.Find("[data-testid=overview-hourly-rate-basis]").TextContent.Should().Be("$7.44 ÷ 744 h");
        page.Find("[data-testid=overview-setup]").TextContent.Should().Be("$0.00");
        page.Find("[data-testid=overview-idle]").TextContent.Should().Be("$1.00");
        page.Find("[data-testid=overview-uninstall]").TextContent.Should().Be("$2.50");
    }

    [Fact]
    public void Service_page_without_the_manage_permission_shows_no_action()
    {
        var id = Guid.CreateVersion7();
        GivenAServicePage(id, ServiceStatus.Active);

        var page = RenderWithProviders<ServicePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=service-overview]"), Wait);
        page.FindAll("button[data-testid^=service-]").Should().BeEmpty();
        page.Find("button[data-testid=save-service-settings]").HasAttribute("disabled").Should().BeTrue("saving the label needs the edit permission");
    }

    [Fact]
    public void Service_page_without_idle_on_the_product_offers_no_idle()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.ServicesView, Permissions.ServicesManage);
        Requests.On<GetService, ServiceDetails>(Service(id, ServiceStatus.Active, allowIdle: false, terminationRequestedAt: At));

        var page = RenderWithProviders<ServicePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("button[data-testid=service-suspend]"), Wait);
        page.FindAll("button[data-testid=service-idle]").Should().BeEmpty();
        page.FindAll("button[data-testid=service-withdraw-termination]").Should().ContainSingle("termination is requested already");
        page.FindAll("button[data-testid=service-request-termination]").Should().BeEmpty();
        page.Find("[data-testid=termination-requested]").TextContent.Should().Be("Termination requested");
    }

    [Fact]
    public void A_refused_action_shows_the_server_s_reason_above_the_tabs()
    {
        var id = Guid.CreateVersion7();
        GivenAServicePage(id, ServiceStatus.Pending, Permissions.ServicesManage);
        Requests.Refuse<ActivateService>(new RuleViolationException("The client's balance and credit limit do not cover the setup fee and the first charge (0.01 USD)."));

        var page = RenderWithProviders<ServicePage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("button[data-testid=service-activate]"), Wait);
        page.Find("button[data-testid=service-activate]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=form-message]").TextContent.Should().Contain("do not cover the setup fee"), Wait);
        Requests.SentOf<ActivateService>().Single().Id.Should().Be(id);
        page.FindAll("button[data-testid=service-activate]").Should().ContainSingle("the service is still pending");
    }

    [Fact]
    public void Terminating_asks_first_and_names_the_uninstall_fee()
    {
        var id = Guid.CreateVersion7();
        GivenAServicePage(id, ServiceStatus.Active, Permissions.ServicesManage);
        Requests.On<TerminateService, ServiceDetails>(Service(id, ServiceStatus.Terminated));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<ServicePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("button[data-testid=service-terminate]"), Wait);
        page.Find("button[data-testid=service-terminate]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain("The uninstall fee of $2.50 is charged"), Wait);
        Requests.SentOf<TerminateService>().Should().BeEmpty("nothing happens before the confirmation");
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Terminate").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=service-status]").TextContent.Should().Be("Terminated"), Wait);
        Requests.SentOf<TerminateService>().Should().ContainSingle();
        page.FindAll("button[data-testid^=service-]").Should().BeEmpty("a terminated service has no actions left");
    }

    [Fact]
    public async Task Changing_the_package_offers_the_fitting_prices_previews_what_the_switch_posts_and_shows_a_refusal_under_the_field()
    {
        var id = Guid.CreateVersion7();
        var large = Guid.CreateVersion7();
        GivenAServicePage(id, ServiceStatus.Active, Permissions.ServicesManage);
        Requests.On<ListServicePackages, IReadOnlyList<ServicePackageChoice>>(
            [new ServicePackageChoice(large, Guid.CreateVersion7(), "Cloud VPS L", "cloud-vps-l", PricePeriod.Monthly, 14.88m, "$14.88", true, 1m, "$1.00")]);
        Requests.On<PreviewServicePackage, ServiceChangePreview>(new ServiceChangePreview(
            [new("Cloud VPS L, switch down fee", -0.5m, "−$0.5000"), new("Cloud VPS L, switch down for the 50 % of the paid period left", 2.4m, "+$2.4000")],
            -1.9m, "$1.9000", null));
        Requests.On<ChangeServicePackage, ServiceDetails>(_ => throw RequestValidationException.For("ProductPriceId", "Switch only to a product provisioned by the same module."));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<ServicePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("button[data-testid=service-change-package]"), Wait);
        page.Find("button[data-testid=service-change-package]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=change-package-dialog]"), Wait);
        dialogs.Find("button[data-testid=confirm-change-package]").HasAttribute("disabled").Should().BeTrue("nothing is chosen yet");
        var select = dialogs.FindComponent<MudSelect<Guid?>>();
        await select.InvokeAsync(() => select.Instance.SelectOption((Guid?)large));
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=change-package-price]").GetAttribute("value")
            .Should().Contain("Cloud VPS L").And.Contain("$14.88"), Wait);
        // The list's estimate said "up"; the switch, keeping fewer options, goes down: the preview is what it posts.
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=change-package-line]").Select(l => string.Join(" | ", l.QuerySelectorAll("td").Select(td => td.TextContent.Trim())))
            .Should().Equal("Cloud VPS L, switch down fee | −$0.5000", "Cloud VPS L, switch down for the 50 % of the paid period left | +$2.4000"), Wait);
        dialogs.Find("[data-testid=change-package-net]").TextContent.Should().Be("Credited now: $1.9000");
        Requests.SentOf<PreviewServicePackage>().Single().Should().Be(new PreviewServicePackage(id, large));
        dialogs.Find("button[data-testid=confirm-change-package]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=change-package-dialog]").TextContent.Should().Contain("same module"), Wait);
        Requests.SentOf<ChangeServicePackage>().Single().Should().Be(new ChangeServicePackage(id, large));
    }

    [Fact]
    public async Task Changing_the_options_offers_each_group_with_prices_previews_what_is_charged_now_and_shows_a_refusal_under_the_options()
    {
        var id = Guid.CreateVersion7();
        var (daily, weekly, extraIp) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        GivenAServicePage(id, ServiceStatus.Active, Permissions.ServicesManage);
        ServiceOptionGroupOffer[] groups =
        [
            new(Guid.CreateVersion7(), "backups", "Backups", true, null, [new(daily, "daily", "Daily", 10m, "$10.00"), new(weekly, "weekly", "Weekly", 5m, "$5.00")]),
            new(Guid.CreateVersion7(), "network", "Network", true, extraIp, [new(extraIp, "extra-ip", "Extra IP", 3.72m, "$3.72")]),
        ];
        Requests.On<GetServiceOptions, ServiceOptions>(r => new ServiceOptions(id, "USD", PricePeriod.Monthly, Metered: false, groups, r.OptionIds is null ? null
            : new ServiceOptionsPreview(["Daily"], [], [new("Cloud VPS #1a2b3c, option Daily added for the 99.19 % of the paid period left", -9.9194m, "−$9.9194")],
                9.9194m, "$9.9194", IsCovered: false)));
        Requests.On<ChangeServiceOptions, ServiceDetails>(_ => throw RequestValidationException.For("OptionIds", "Choose options of the product's option groups only."));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<ServicePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("button[data-testid=service-change-options]"), Wait);
        page.Find("button[data-testid=service-change-options]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=change-option-network]").GetAttribute("value").Should().Be("Extra IP · $3.72 / Monthly"), Wait);
        dialogs.Find("input[data-testid=change-option-backups]").GetAttribute("value").Should().Be("None");
        dialogs.Find("button[data-testid=confirm-change-options]").HasAttribute("disabled").Should().BeTrue("nothing has changed yet");
        var backups = dialogs.FindComponents<MudSelect<Guid?>>()[0];
        await backups.InvokeAsync(() => backups.Instance.SelectOption((Guid?)daily));

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=change-options-net]").TextContent.Should().Be("Charged now: $9.9194"), Wait);
        dialogs.Find("input[data-testid=change-option-backups]").GetAttribute("value").Should().Be("Daily · $10.00 / Monthly");
        dialogs.Find("[data-testid=change-options-line]").TextContent.Should().Contain("option Daily added for the 99.19 % of the paid period left").And.Contain("−$9.9194");
        dialogs.Find("[data-testid=change-options-preview] [data-testid=form-message]").TextContent.Should().Contain("do not cover this change");
        Requests.SentOf<GetServiceOptions>().Last().OptionIds.Should().BeEquivalentTo([daily, extraIp], "the preview is asked for the full set");
        dialogs.Find("button[data-testid=confirm-change-options]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-OptionIds]").TextContent.Should().Be("Choose options of the product's option groups only."), Wait);
        var sent = Requests.SentOf<ChangeServiceOptions>().Single();
        sent.Id.Should().Be(id);
        sent.OptionIds.Should().BeEquivalentTo([daily, extraIp]);
        dialogs.FindAll("[data-testid=change-options-dialog]").Should().ContainSingle("a refusal keeps the dialog open");
    }

    [Fact]
    public void Service_charges_tab_lists_the_service_s_rows_with_their_period()
    {
        var serviceId = Guid.CreateVersion7();
        Requests.On<ListTransactions, PagedResult<TransactionDto>>(Page(Transaction(LedgerEntryType.Charge, -0.01m, "−$0.0100", "$9.98", "Cloud VPS #1a2b3c, 1 hour", serviceId)));

        var tab = RenderWithProviders<ServiceChargesTab>(p => p.Add(t => t.ServiceId, serviceId).Add(t => t.ClientId, ClientId));

        tab.WaitForAssertion(() => tab.Find("[data-testid=transaction-amount]").TextContent.Should().Be("−$0.0100"), Wait);
        tab.Find("[data-testid=transaction-type]").TextContent.Should().Contain("Charge").And.Contain("Period");
        tab.FindAll("[data-testid=transaction-period] time").Should().HaveCount(2, "a charge shows the start and the end of the time it pays for");
        tab.FindAll("a[data-testid=transaction-service]").Should().BeEmpty("the service's own tab does not link to itself");
        var sent = Requests.SentOf<ListTransactions>().Single();
        (sent.ServiceId, sent.ClientId).Should().Be((serviceId, ClientId));
    }

    [Fact]
    public void Client_transactions_tab_shows_debits_red_credits_green_and_the_balance()
    {
        var serviceId = Guid.CreateVersion7();
        Requests.On<GetClientCredit, ClientCredit>(Credit())
            .On<ListTransactions, PagedResult<TransactionDto>>(Page(
                Transaction(LedgerEntryType.Charge, -0.01m, "−$0.0100", "$9.9900", "Cloud VPS #1a2b3c, 1 hour", serviceId),
                Transaction(LedgerEntryType.Adjustment, 10m, "+$10.0000", "$10.0000", "Adjustment: welcome credit")));

        var tab = RenderWithProviders<ClientTransactionsTab>(p => p.Add(t => t.ClientId, ClientId).Add(t => t.Can, (string _) => false));

        tab.WaitForAssertion(() => tab.FindAll("[data-testid=transaction-amount]").Should().HaveCount(2), Wait);
        var amounts = tab.FindAll("[data-testid=transaction-amount]");
        amounts[0].TextContent.Should().Be("−$0.0100");
        amounts[0].ClassList.Should().Contain("puq-debit");
        amounts[1].TextContent.Should().Be("+$10.0000");
        amounts[1].ClassList.Should().Contain("puq-credit");
        tab.FindAll("[data-testid=transaction-balance]").Select(b => b.TextContent).Should().Equal("$9.9900", "$10.0000");
        tab.Find($"a[data-testid=transaction-service]").GetAttribute("href").Should().Be($"/admin/services/{serviceId}");
        tab.Find("[data-testid=transactions-balance]").TextContent.Should().Be("$9.99");
        tab.Find("button[data-testid=add-adjustment]").HasAttribute("disabled").Should().BeTrue("adjusting needs its own permission");
        tab.Find("button[data-testid=edit-credit-limit]").HasAttribute("disabled").Should().BeTrue("so does the credit limit");
        Requests.SentOf<ListTransactions>().Single().ClientId.Should().Be(ClientId);
    }

    [Fact]
    public void Adjustment_dialog_shows_the_server_s_field_error_under_the_amount()
    {
        Requests.On<GetClientCredit, ClientCredit>(Credit())
            .On<ListTransactions, PagedResult<TransactionDto>>(Page<TransactionDto>())
            .Refuse<AddClientAdjustment>(RequestValidationException.For("Amount", "The client's currency has 2 decimal place(s): use at most that many."));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var tab = Render<ClientTransactionsTab>(p => p.Add(t => t.ClientId, ClientId).Add(t => t.Can, (string perm) => perm == Permissions.TransactionsAdjust));

        tab.WaitForAssertion(() => tab.Find("[data-testid=client-transactions-grid-empty]").TextContent.Should().Contain("No transactions yet."), Wait);
        tab.Find("button[data-testid=add-adjustment]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=adjustment-amount]"), Wait);
        dialogs.Find("input[data-testid=adjustment-amount]").Change("12.345");
        dialogs.Find("textarea[data-testid=adjustment-reason]").Change("Goodwill");
        dialogs.Find("button[data-testid=save-adjustment]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Amount]").TextContent.Should().Contain("2 decimal place(s)"), Wait);
        dialogs.Find("[data-testid=error-Amount]").PreviousElementSibling!.QuerySelector("input[data-testid=adjustment-amount]").Should().NotBeNull("the reason stands right under its field");
        var sent = Requests.SentOf<AddClientAdjustment>().Single();
        sent.Amount.Should().Be(12.345m, "the amount is sent exactly as typed");
        (sent.ClientId, sent.Reason).Should().Be((ClientId, "Goodwill"));
        dialogs.Find("input[data-testid=adjustment-amount]").GetAttribute("value").Should().Be("12.345");
    }

    [Fact]
    public void A_posted_adjustment_moves_the_balance_shown_above_the_ledger()
    {
        var balance = 9.99m;
        Requests.On<GetClientCredit, ClientCredit>(_ => Credit(balance))
            .On<ListTransactions, PagedResult<TransactionDto>>(Page<TransactionDto>())
            .On<AddClientAdjustment, TransactionDto>(_ =>
            {
                balance = 19.99m;
                return Transaction(LedgerEntryType.Adjustment, 10m, "+$10.0000", "$19.9900", "Adjustment: welcome credit");
            });
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var tab = Render<ClientTransactionsTab>(p => p.Add(t => t.ClientId, ClientId).Add(t => t.Can, (string perm) => perm == Permissions.TransactionsAdjust));

        tab.WaitForAssertion(() => tab.Find("[data-testid=transactions-balance]").TextContent.Should().Be("$9.99"), Wait);
        tab.Find("button[data-testid=add-adjustment]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=adjustment-amount]"), Wait);
        dialogs.Find("input[data-testid=adjustment-amount]").Change("10.00");
        dialogs.Find("textarea[data-testid=adjustment-reason]").Change("welcome credit");
        dialogs.Find("button[data-testid=save-adjustment]").Click();

        tab.WaitForAssertion(() => tab.Find("[data-testid=transactions-balance]").TextContent.Should().Be("$19.99"), Wait);
        Requests.SentOf<AddClientAdjustment>().Single().Amount.ToString().Should().Be("10.00", "every digit typed is kept");
        Requests.SentOf<ListTransactions>().Should().HaveCountGreaterThan(1, "the ledger is read again after posting");
    }

    [Fact]
    public void Client_transactions_tab_shows_the_credit_limit_and_sets_it_with_a_field_error_under_the_field()
    {
        var limit = 0m;
        Requests.On<GetClientCredit, ClientCredit>(_ => Credit(-2.5m, limit))
            .On<ListTransactions, PagedResult<TransactionDto>>(Page<TransactionDto>())
            .On<SetClientCreditLimit, ClientCredit>(r => r.CreditLimit < 0
                ? throw RequestValidationException.For("CreditLimit", "The credit limit cannot be negative.")
                : Credit(-2.5m, limit = r.CreditLimit!.Value));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var tab = Render<ClientTransactionsTab>(p => p.Add(t => t.ClientId, ClientId).Add(t => t.Can, (string perm) => perm == Permissions.TransactionsAdjust));

        tab.WaitForAssertion(() => tab.Find("[data-testid=transactions-credit-limit]").TextContent.Should().Be("$0.00"), Wait);
        tab.Find("[data-testid=transactions-balance]").TextContent.Should().Be("-$2.50");
        tab.Find("[data-testid=transactions-available]").TextContent.Should().Be("-$2.50");
        tab.Find("[data-testid=transactions-available]").ClassList.Should().Contain("puq-debit", "charges can take nothing more");
        tab.Find("button[data-testid=edit-credit-limit]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=credit-limit-amount]").GetAttribute("value").Should().Be("0"), Wait);
        dialogs.Find("input[data-testid=credit-limit-amount]").Change("-5");
        dialogs.Find("button[data-testid=save-credit-limit]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-CreditLimit]").TextContent.Should().Be("The credit limit cannot be negative."), Wait);
        dialogs.Find("[data-testid=error-CreditLimit]").PreviousElementSibling!.QuerySelector("input[data-testid=credit-limit-amount]").Should().NotBeNull("the reason stands right under its field");
        dialogs.Find("input[data-testid=credit-limit-amount]").Change("10");
        dialogs.Find("button[data-testid=save-credit-limit]").Click();

        tab.WaitForAssertion(() => tab.Find("[data-testid=transactions-credit-limit]").TextContent.Should().Be("$10.00"), Wait);
        tab.Find("[data-testid=transactions-available]").TextContent.Should().Be("$7.50");
        dialogs.FindAll("[data-testid=credit-limit-dialog]").Should().BeEmpty();
        Requests.SentOf<SetClientCreditLimit>().Select(r => (r.ClientId, r.CreditLimit)).Should().Equal((ClientId, -5m), (ClientId, 10m));
    }

    [Fact]
    public void Finance_transactions_lists_every_client_with_links_to_client_and_service()
    {
        var serviceId = Guid.CreateVersion7();
        Requests.On<ListTransactions, PagedResult<TransactionDto>>(Page(Transaction(LedgerEntryType.Charge, -0.01m, "−$0.0100", "$9.9900", "Cloud VPS #1a2b3c, 1 hour", serviceId)));

        var page = RenderWithProviders<Transactions>();

        page.WaitForAssertion(() => page.Find("[data-testid=transactions-grid]").TextContent.Should().Contain("Cloud VPS #1a2b3c, 1 hour"), Wait);
        page.Find("a[data-testid=transaction-client]").GetAttribute("href").Should().Be($"/admin/clients/{ClientId}");
        page.Find("a[data-testid=transaction-service]").GetAttribute("href").Should().Be($"/admin/services/{serviceId}");
        page.FindAll("input[data-testid=transaction-type-filter]").Should().ContainSingle();
        Requests.SentOf<ListTransactions>().Single().ClientId.Should().BeNull();
    }

    [Fact]
    public void Finance_transactions_without_any_row_says_so()
    {
        Requests.On<ListTransactions, PagedResult<TransactionDto>>(Page<TransactionDto>());

        var page = RenderWithProviders<Transactions>();

        page.WaitForAssertion(() => page.Find("[data-testid=transactions-grid-empty]").TextContent.Should().Contain("No transactions yet."), Wait);
    }

    [Fact]
    public void New_service_for_a_client_shows_its_currency_and_balance_and_each_refused_field_under_it()
    {
        GivenStaffPermissions(Permissions.ServicesCreate, Permissions.ClientsView, Permissions.ProductsView);
        Requests.On<ListProducts, PagedResult<ProductListItem>>(Page(new ProductListItem(ProductId, "cloud-vps", "Cloud VPS", null, true, true, false, 0, 0)))
            .On<GetClient, ClientDetails>(Acme())
            .Refuse<CreateService>(new RequestValidationException(new Dictionary<string, string[]>
            {
                ["ProductId"] = ["Choose a product."],
                ["ProductPriceId"] = ["Choose a price."],
                ["Label"] = ["Use at most 100 characters."],
            }));
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/admin/services/new?clientId={ClientId}");

        var page = RenderWithProviders<NewService>();

        page.WaitForAssertion(() => page.Find("[data-testid=service-client-currency]").TextContent.Should().Be("USD"), Wait);
        page.Find("[data-testid=service-client-balance]").TextContent.Should().Be("$9.99");
        page.Find("input[data-testid=service-price]").HasAttribute("disabled").Should().BeTrue("the price follows the product");
        page.Find("[data-testid=service-start-now]");
        page.Find("button[data-testid=save-service]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=error-ProductId]").TextContent.Should().Be("Choose a product."), Wait);
        page.Find("[data-testid=error-ProductPriceId]").TextContent.Should().Be("Choose a price.");
        page.Find("[data-testid=error-Label]").TextContent.Should().Be("Use at most 100 characters.");
        page.Find("[data-testid=form-message]").TextContent.Should().Contain("Check the fields marked below.");
        var sent = Requests.SentOf<CreateService>().Single();
        (sent.ClientId, sent.StartNow).Should().Be((ClientId, false));
    }

    [Fact]
    public void Test_clock_shows_its_time_and_moves_it_when_the_clock_is_manual()
    {
        Requests.On<GetClock, ClockState>(new ClockState(true, At))
            .On<AdvanceClock, ClockAdvanceResult>(r => new ClockAdvanceResult(At, At.AddHours(r.Hours!.Value),
                [new(At.AddMinutes(5), "finance:charge-services", "Succeeded", null), new(At.AddHours(1), "finance:charge-services", "Succeeded", null)]));

        var panel = Render<TestClockPanel>(p => p.Add(t => t.CanRun, true));

        panel.WaitForAssertion(() => panel.Find("[data-testid=test-clock-now]").TextContent.Should().Be("2026-12-01 00:00:00 UTC"), Wait);
        panel.Find("input[data-testid=test-clock-hours]").GetAttribute("value").Should().Be("1");
        panel.Find("input[data-testid=test-clock-hours]").Change("2");
        panel.Find("button[data-testid=test-clock-advance]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=form-message]").TextContent.Should().Contain("2 schedule run(s)"), Wait);
        panel.Find("[data-testid=test-clock-now]").TextContent.Should().Be("2026-12-01 02:00:00 UTC");
        Requests.SentOf<AdvanceClock>().Single().Hours.Should().Be(2);
    }

    [Fact]
    public void Test_clock_is_not_there_when_the_clock_follows_real_time()
    {
        Requests.On<GetClock, ClockState>(new ClockState(false, At));

        var panel = Render<TestClockPanel>(p => p.Add(t => t.CanRun, true));

        panel.WaitForAssertion(() => Requests.SentOf<GetClock>().Should().ContainSingle(), Wait);
        panel.Markup.Trim().Should().BeEmpty();
    }

    /// <summary>
    /// The Overview tab saves only what the person changed: a colleague's switch to manual, read while the person was
    /// typing a label, is neither undone by the save nor hidden by the form (it wrote back the switch as first read).
    /// </summary>
    [Fact]
    public void Overview_saves_only_the_field_changed_and_follows_a_colleague_s_change_of_the_other()
    {
        var id = Guid.CreateVersion7();
        var stored = Service(id, ServiceStatus.Active);
        Requests.On<GetService, ServiceDetails>(_ => stored);
        Requests.On<UpdateService, ServiceDetails>(r => stored = stored with { Label = r.Label ?? stored.Label, IsManual = r.IsManual ?? stored.IsManual });
        Render<MudPopoverProvider>();
        var tab = Render<ServiceOverviewTab>(p => p.Add(x => x.ServiceId, id).Add(x => x.CanEdit, true).Add(x => x.Version, 1));
        tab.WaitForAssertion(() => tab.Find("input[data-testid=overview-label]"), Wait);

        tab.Find("input[data-testid=overview-label]").Change("renamed");
        stored = stored with { IsManual = true };
        tab.Render(p => p.Add(x => x.Version, 2));
        tab.WaitForAssertion(() => tab.Find("input[data-testid=overview-manual]").HasAttribute("checked").Should().BeTrue("a colleague set it to manual"), Wait);
        tab.Find("input[data-testid=overview-label]").GetAttribute("value").Should().Be("renamed", "the label being typed stays");

        tab.Find("[data-testid=save-service-settings]").Click();
        tab.WaitForAssertion(() => Requests.SentOf<UpdateService>().Should().ContainSingle().Which.Should().Be(new UpdateService(id, "renamed", null)), Wait);
        stored.IsManual.Should().BeTrue();
    }

    /// <summary>Putting a service idle settles the rest of its paid period: the amount is shown and confirmed before anything is sent.</summary>
    [Fact]
    public void Idle_shows_what_it_settles_and_is_sent_once_confirmed()
    {
        var id = Guid.CreateVersion7();
        GivenAServicePage(id, ServiceStatus.Active, Permissions.ServicesManage);
        Requests.On<PreviewServiceIdle, ServiceChangePreview>(new ServiceChangePreview(
            [new("Cloud VPS #1a2b3c, put idle for the 100 % of the paid period left", 19.2m, "+$19.2000")], -19.2m, "$19.2000", null));
        Requests.On<SetServiceIdle, ServiceDetails>(_ => Service(id, ServiceStatus.Active) with { IsIdle = true });
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<ServicePage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("button[data-testid=service-idle]"), Wait);
        page.Find("button[data-testid=service-idle]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should()
            .Contain("settled now at the idle price. Cloud VPS #1a2b3c, put idle for the 100 % of the paid period left: +$19.2000. Credited now: $19.2000"), Wait);
        Requests.SentOf<SetServiceIdle>().Should().BeEmpty();
        dialogs.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Idle").Click();
        page.WaitForAssertion(() => Requests.SentOf<SetServiceIdle>().Should().ContainSingle().Which.Should().Be(new SetServiceIdle(id, true)), Wait);
    }
}
