using PuqCloud.Core.Domain.Services;
using Bunit;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Features.Dashboard;
using PuqCloud.Core.Live;
using PuqCloud.Web.Components.Admin.Dashboard;

namespace PuqCloud.Tests.Components;

/// <summary>The staff dashboard: the page arranges widgets (order, switches), each widget loads and refreshes itself.</summary>
public sealed class DashboardTests : ComponentTest
{
    private static readonly DateTime Beat = new(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);

    private static SystemStatus Status(long beats = 42, DateTime? lastBeat = null, bool noNodes = false) => new("1.2.3", "Sqlite", "node-a", Beat, Beat.AddHours(-1), 3,
        noNodes ? [] : [new NodeStatus("node-a", "1.2.3", Beat.AddHours(-1), lastBeat ?? Beat, beats, IsThisNode: true)]);

    private static DashboardSummary Summary(bool empty = false) => empty
        ? new(new AutomationStatus(null, null, null, 4, 4, []), Enum.GetValues<QueuedTaskStatus>().Select(s => new TaskStatusCount(s, 0)).ToList(), [])
        : new(new AutomationStatus(Beat, "Cleanup", ScheduleOutcomes.Failed, 4, 3, [new FailedSchedule("cleanup", "Cleanup", Beat)]),
            Enum.GetValues<QueuedTaskStatus>().Select(s => new TaskStatusCount(s, s == QueuedTaskStatus.Queued ? 7 : 1)).ToList(),
            [new OnlineStaff(Guid.CreateVersion7(), "Ada Lovelace", "ada@example.test", Beat)]);

    private static DashboardLayoutDto Layout(params (string Key, bool Visible)[] widgets) =>
        new(widgets.Length == 0 ? DashboardWidgets.All.Select(k => new WidgetPlacement(k, true)).ToList() : widgets.Select(w => new WidgetPlacement(w.Key, w.Visible)).ToList());

    private void Given(DashboardLayoutDto? layout = null, SystemStatus? status = null, DashboardSummary? summary = null)
    {
        Requests.On<GetMyDashboardLayout, DashboardLayoutDto>(layout ?? Layout());
        Requests.On<SaveMyDashboardLayout, DashboardLayoutDto>(r => new DashboardLayoutDto(r.Widgets));
        Requests.On<GetSystemStatus, SystemStatus>(status ?? Status());
        Requests.On<GetDashboardSummary, DashboardSummary>(summary ?? Summary());
        Requests.On<GetBillingOverview, BillingOverview>(Overview());
        Requests.On<GetMoneyInOverview, MoneyInOverview>(new MoneyInOverview([], 0, 0, [], 0));
    }

    private static BillingOverview Overview() => new(
        new BillingRunSummary(Beat, Beat.AddSeconds(2.5), Beat, 12, 60, 1, 0, [new CurrencyAmount("EUR", 0.804m, "€0.80")], null),
        [new ServiceStatusCount(ServiceStatus.Pending, 2), new ServiceStatusCount(ServiceStatus.Active, 11), new ServiceStatusCount(ServiceStatus.Suspended, 1),
         new ServiceStatusCount(ServiceStatus.Terminated, 0), new ServiceStatusCount(ServiceStatus.Cancelled, 0)],
        [new CurrencyAmount("EUR", 1.5m, "€1.50")], [new CurrencyAmount("EUR", 40m, "€40.00"), new CurrencyAmount("USD", 3m, "$3.00")],
        NegativeBalanceClients: 3, SuspendedForFunds: 1, ReconciliationFailed: true);

    [Fact]
    public void The_billing_widget_shows_the_last_run_the_amounts_and_links_each_figure_to_its_list()
    {
        Given(Layout((DashboardWidgets.Billing, true)));
        var page = RenderWithProviders<Dashboard>();

        var run = page.Find("[data-testid=billing-last-run]").TextContent;
        run.Should().Contain("2026-12-05 08:00:00 UTC").And.Contain("12 services charged, 60 charges").And.Contain("1 suspended").And.Contain("2.5 s").And.Contain("€0.80");
        page.Find("[data-testid=billing-today]").TextContent.Should().Contain("€1.50");
        page.Find("[data-testid=billing-month]").TextContent.Should().Contain("€40.00 · $3.00");
        page.Find("[data-testid=billing-services-Active]").GetAttribute("href").Should().Be("/admin/services?status=Active");
        page.Find("[data-testid=billing-services-Active]").TextContent.Should().Contain("11");
        page.FindAll("[data-testid=billing-services-Terminated]").Should().BeEmpty("statuses with nobody in them stay out of the way");
        page.Find("[data-testid=billing-negative]").TextContent.Should().Contain("3 clients below zero");
        page.Find("[data-testid=billing-reconciliation-failed]").TextContent.Should().Contain("differs from its ledger");
    }

    [Fact]
    public void Every_widget_shows_its_loaded_figures_in_the_saved_order()
    {
        Given(Layout((DashboardWidgets.StaffOnline, true), (DashboardWidgets.System, true), (DashboardWidgets.Heartbeat, true), (DashboardWidgets.Automation, true), (DashboardWidgets.Tasks, true)));
        var page = RenderWithProviders<Dashboard>();

        page.FindAll("[data-widget]").Select(e => e.GetAttribute("data-widget")).Should()
            .Equal(DashboardWidgets.StaffOnline, DashboardWidgets.System, DashboardWidgets.Heartbeat, DashboardWidgets.Automation, DashboardWidgets.Tasks);
        page.Find("[data-testid=widget-system]").TextContent.Should().Contain("1.2.3").And.Contain("Sqlite").And.Contain("node-a");
        page.Find("[data-testid=heartbeat-last]").TextContent.Should().Be("2026-12-05 08:00:00 UTC");
        page.Find("[data-testid=heartbeat-beats]").TextContent.Should().Be("42");
        page.Find("[data-testid=automation-last-run]").TextContent.Should().Contain("Cleanup").And.Contain("Failed");
        page.Find("[data-testid=automation-failed]").TextContent.Should().Contain("Cleanup");
        page.Find("[data-testid=tasks-Queued]").TextContent.Should().Contain("Queued").And.Contain("7");
        page.Find("[data-testid=widget-staff-online]").TextContent.Should().Contain("Ada Lovelace").And.Contain("ada@example.test");
    }

    [Fact]
    public void Widgets_say_what_would_be_there_when_there_is_nothing_yet()
    {
        Given(status: Status(noNodes: true), summary: Summary(empty: true));
        var page = RenderWithProviders<Dashboard>();

        page.Find("[data-testid=heartbeat-empty]").TextContent.Should().Contain("No heartbeat yet");
        page.Find("[data-testid=automation-last-run]").TextContent.Should().Contain("Never");
        page.Find("[data-testid=automation-failed]").TextContent.Should().Contain("None");
        page.Find("[data-testid=tasks-empty]").TextContent.Should().Contain("No tasks yet");
        page.Find("[data-testid=staff-online-empty]").TextContent.Should().Contain("Nobody in the last 5 minutes.");
    }

    [Fact]
    public void A_switched_off_widget_is_not_shown_and_does_not_load()
    {
        Given(Layout((DashboardWidgets.System, true), (DashboardWidgets.Heartbeat, false), (DashboardWidgets.Automation, false), (DashboardWidgets.Tasks, false), (DashboardWidgets.StaffOnline, false)));
        var page = RenderWithProviders<Dashboard>();

        page.FindAll("[data-testid=widget-system]").Should().HaveCount(1);
        page.FindAll("[data-testid=widget-heartbeat], [data-testid=widget-tasks], [data-testid=widget-automation], [data-testid=widget-staff-online]").Should().BeEmpty();
        Requests.SentOf<GetDashboardSummary>().Should().BeEmpty();
    }

    [Fact]
    public void With_every_widget_off_the_page_says_how_to_get_them_back()
    {
        Given(Layout(DashboardWidgets.All.Select(k => (k, false)).ToArray()));
        var page = RenderWithProviders<Dashboard>();
        page.Find("[data-testid=no-widgets]").TextContent.Should().Contain("Every widget is switched off");
        page.FindAll("[data-widget]").Should().BeEmpty();
    }

    [Fact]
    public void Switching_a_widget_off_saves_the_layout_and_hides_it()
    {
        Given();
        var page = RenderWithProviders<Dashboard>();
        page.FindAll("[data-testid=widget-tasks]").Should().HaveCount(1);

        page.Find("[data-testid=customize-dashboard]").Click();
        page.Find("input[data-testid=toggle-tasks]").Change(false);

        page.WaitForAssertion(() => page.FindAll("[data-testid=widget-tasks]").Should().BeEmpty());
        Requests.SentOf<SaveMyDashboardLayout>().Last().Widgets.Single(w => w.Key == DashboardWidgets.Tasks).Visible.Should().BeFalse();
    }

    [Fact]
    public void A_widget_moves_up_from_the_settings_panel_without_dragging()
    {
        Given();
        var page = RenderWithProviders<Dashboard>();
        page.Find("[data-testid=customize-dashboard]").Click();
        page.Find("[data-testid=widget-setting-heartbeat] [data-testid=move-up]").Click();

        page.WaitForAssertion(() => page.FindAll("[data-widget]")[1].GetAttribute("data-widget").Should().Be(DashboardWidgets.Heartbeat));
        Requests.SentOf<SaveMyDashboardLayout>().Last().Widgets.Select(w => w.Key).Should()
            .StartWith([DashboardWidgets.Billing, DashboardWidgets.Heartbeat, DashboardWidgets.System]);
    }

    [Fact]
    public async Task A_heartbeat_event_refreshes_the_heartbeat_widget()
    {
        var beats = 42L;
        Given();
        Requests.On<GetSystemStatus, SystemStatus>(_ => Status(beats, Beat.AddSeconds(beats - 42)));
        var page = RenderWithProviders<Dashboard>();
        page.Find("[data-testid=heartbeat-beats]").TextContent.Should().Be("42");
        var summaries = Requests.SentOf<GetDashboardSummary>().Count();

        beats = 43;
        await LiveEvents.PublishAsync(new LiveEvent(LiveTopics.Heartbeat));

        page.WaitForAssertion(() => page.Find("[data-testid=heartbeat-beats]").TextContent.Should().Be("43"));
        page.Find("[data-testid=heartbeat-last]").TextContent.Should().Be("2026-12-05 08:00:01 UTC");
        // Of the summary widgets only "staff online" follows the heartbeat.
        page.WaitForAssertion(() => Requests.SentOf<GetDashboardSummary>().Count().Should().Be(summaries + 1));
    }

    [Fact]
    public void Without_the_dashboard_permission_the_page_says_so()
    {
        Requests.Refuse<GetMyDashboardLayout>(new AccessDeniedException("You do not have the permission dashboard.view."));
        var page = RenderWithProviders<Dashboard>();
        page.Find("[data-testid=form-message]").TextContent.Should().Contain("dashboard.view");
        page.FindAll("[data-testid=customize-dashboard]").Should().BeEmpty();
        page.FindAll("[data-widget]").Should().BeEmpty();
    }
}
