using Bunit;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Features.Automation;
using PuqCloud.Core.Live;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Admin.Automation;

namespace PuqCloud.Tests.Components;

/// <summary>Automation → Scheduler: one component per tab, each loading its own schedules; cards, their errors and the gated buttons.</summary>
public sealed class SchedulerTests : ComponentTest
{
    /// <summary>Generous: the test machine is shared and often busy.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly DateTime At = new(2026, 3, 14, 3, 0, 0, DateTimeKind.Utc);

    private static ScheduleDto Schedule(string key, string tab, bool enabled = true, string? outcome = null) =>
        new(key, tab, $"Title of {key}", $"What {key} does.", "0 3 * * *", "0 3 * * *", enabled,
            outcome is null ? null : At.AddDays(-1), outcome, enabled ? At : null,
            outcome == ScheduleOutcomes.Failed ? "3 client balance(s) differ from their ledger" : null);

    private List<ScheduleDto> _schedules =
    [
        Schedule("system:test", ScheduleTabs.System, enabled: false),
        Schedule("cleanup:task-queue", ScheduleTabs.Cleanup, outcome: ScheduleOutcomes.Succeeded),
        Schedule("cleanup:module-log", ScheduleTabs.Cleanup, enabled: false),
        Schedule("finance:charges", ScheduleTabs.Finance, outcome: ScheduleOutcomes.Failed),
        Schedule("puq-sample-plugin:test", "module:PUQ Sample Plugin", enabled: false),
    ];

    private void GivenSchedules(params string[] permissions)
    {
        GivenStaffPermissions([Permissions.SchedulesView, .. permissions]);
        Requests.On<ListSchedules, IReadOnlyList<ScheduleDto>>(_ => _schedules.ToList());
        Requests.On<GetHeartbeatSchedule, HeartbeatScheduleDto>(new HeartbeatScheduleDto(15, "node-a", At, At.AddSeconds(15)));
        // The console's clock follows real time: no test clock above the tabs.
        Requests.On<GetClock, ClockState>(new ClockState(false, At));
    }

    [Fact]
    public void Scheduler_shows_the_guide_s_tabs_then_one_per_module_and_opens_on_system_with_the_heartbeat()
    {
        GivenSchedules(Permissions.SchedulesEdit, Permissions.SchedulesRun);

        var page = RenderWithProviders<Scheduler>();

        page.WaitForAssertion(() => page.Find("[data-testid=schedule-heartbeat]").TextContent.Should().Contain("node-a").And.Contain("15"), Wait);
        page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).Should().Equal("System", "Cleanup", "Products", "Finance", "Service", "PUQ Sample Plugin");
        page.Find("[data-testid='tab-module-PUQ Sample Plugin']").TextContent.Should().Be("PUQ Sample Plugin");
        page.Find("[data-testid='schedule-system:test']");
        // Only the open tab loaded its schedules; no card of another tab is there.
        page.FindAll("[data-testid^=schedule-cleanup]").Should().BeEmpty();
    }

    [Fact]
    public void A_tab_loads_its_own_schedules_with_last_outcome_and_next_run()
    {
        GivenSchedules(Permissions.SchedulesEdit);

        var tab = Render<ScheduleTab>(p => p.Add(t => t.Tab, ScheduleTabs.Cleanup).Add(t => t.CanEdit, true));

        tab.WaitForAssertion(() => tab.FindAll(".puq-schedule").Should().HaveCount(2), Wait);
        var taskQueue = tab.Find("[data-testid='schedule-cleanup:task-queue']");
        taskQueue.QuerySelector("[data-testid=last-outcome]")!.TextContent.Should().Contain("Succeeded");
        taskQueue.QuerySelector("[data-testid=last-outcome]")!.ClassList.Should().Contain("mud-chip-color-success");
        taskQueue.QuerySelector("[data-testid=next-run]")!.TextContent.Should().Be("2026-03-14 03:00:00 UTC");
        var moduleLog = tab.Find("[data-testid='schedule-cleanup:module-log']");
        moduleLog.QuerySelector("[data-testid=next-run]")!.TextContent.Should().Be("—");
        moduleLog.QuerySelector("[data-testid=last-run]")!.TextContent.Should().Contain("Never");
        Requests.SentOf<ListSchedules>().Should().HaveCount(1);
    }

    [Fact]
    public void A_failed_last_run_is_red_and_says_why()
    {
        GivenSchedules();

        var tab = Render<ScheduleTab>(p => p.Add(t => t.Tab, ScheduleTabs.Finance));

        tab.WaitForAssertion(() => tab.Find("[data-testid=last-outcome]").ClassList.Should().Contain("mud-chip-color-error"), Wait);
        tab.Find("[data-testid=last-outcome]").TextContent.Should().Contain("Failed");
        tab.Find("[data-testid=last-error]").TextContent.Should().Be("3 client balance(s) differ from their ledger");
    }

    [Fact]
    public void An_empty_tab_says_where_its_schedules_come_from()
    {
        GivenSchedules();

        var tab = Render<ScheduleTab>(p => p.Add(t => t.Tab, ScheduleTabs.Products));

        tab.WaitForAssertion(() => tab.Find("[data-testid=no-schedules]").TextContent.Should().Contain("features or modules"), Wait);
        tab.FindAll(".puq-schedule").Should().BeEmpty();
    }

    [Fact]
    public void A_wrong_cron_shows_its_message_under_the_field_and_keeps_the_typed_text()
    {
        GivenSchedules(Permissions.SchedulesEdit);
        Requests.Refuse<UpdateSchedule>(RequestValidationException.For("Cron", "Not a valid cron expression: minute 61 is out of range."));
        Render<MudSnackbarProvider>();
        var tab = Render<ScheduleTab>(p => p.Add(t => t.Tab, ScheduleTabs.Cleanup).Add(t => t.CanEdit, true));
        tab.WaitForAssertion(() => tab.FindAll(".puq-schedule").Should().HaveCount(2), Wait);
        var card = () => tab.Find("[data-testid='schedule-cleanup:task-queue']");

        card().QuerySelector("input[data-testid=cron]")!.Should().NotBeNull();
        tab.Find("[data-testid='schedule-cleanup:task-queue'] input[data-testid=cron]").Input("61 * * * *");
        tab.Find("[data-testid='schedule-cleanup:task-queue'] button[data-testid=save]").Click();

        tab.WaitForAssertion(() => tab.Find("[data-testid='schedule-cleanup:task-queue'] [data-testid=error-Cron]").TextContent.Should().Contain("minute 61"), Wait);
        var field = tab.Find("[data-testid='schedule-cleanup:task-queue'] .puq-field");
        field.Children.Last().GetAttribute("data-testid").Should().Be("error-Cron", "the message stands right under the cron field");
        field.QuerySelector(".mud-input-error").Should().NotBeNull();
        tab.Find("[data-testid='schedule-cleanup:task-queue'] input[data-testid=cron]").GetAttribute("value").Should().Be("61 * * * *");
        Requests.SentOf<UpdateSchedule>().Single().Cron.Should().Be("61 * * * *");
        // The other card is untouched.
        tab.FindAll("[data-testid='schedule-cleanup:module-log'] [data-testid=error-Cron]").Should().BeEmpty();
    }

    [Fact]
    public void The_switch_saves_at_once_and_the_card_shows_the_answer()
    {
        GivenSchedules(Permissions.SchedulesEdit);
        Requests.On<UpdateSchedule, ScheduleDto>(r => Schedule(r.Key, ScheduleTabs.Cleanup, enabled: r.Enabled));
        Render<MudSnackbarProvider>();
        var tab = Render<ScheduleTab>(p => p.Add(t => t.Tab, ScheduleTabs.Cleanup).Add(t => t.CanEdit, true));
        tab.WaitForAssertion(() => tab.FindAll(".puq-schedule").Should().HaveCount(2), Wait);

        tab.Find("[data-testid='schedule-cleanup:module-log'] input[data-testid=enabled]").Change(true);

        tab.WaitForAssertion(() => tab.Find("[data-testid='schedule-cleanup:module-log'] [data-testid=next-run]").TextContent.Should().Be("2026-03-14 03:00:00 UTC"), Wait);
        Requests.SentOf<UpdateSchedule>().Single().Should().Be(new UpdateSchedule("cleanup:module-log", "0 3 * * *", true));
    }

    [Fact]
    public void Without_the_edit_permission_the_fields_are_disabled_and_save_and_reset_are_not_offered()
    {
        GivenSchedules();

        var page = RenderWithProviders<Scheduler>();

        page.WaitForAssertion(() => page.FindAll(".puq-schedule").Should().NotBeEmpty(), Wait);
        page.Find("[data-testid=form-message]").TextContent.Should().Contain("permission to edit");
        page.FindAll("button[data-testid=save]").Should().BeEmpty();
        page.FindAll("button[data-testid=reset]").Should().BeEmpty();
        page.FindAll("button[data-testid=run-now]").Should().BeEmpty();
        page.FindAll("input[data-testid=cron]").Should().OnlyContain(i => i.HasAttribute("disabled"));
        page.FindAll("input[data-testid=enabled]").Should().OnlyContain(i => i.HasAttribute("disabled"));
    }

    [Fact]
    public void Run_now_needs_its_own_permission()
    {
        GivenSchedules(Permissions.SchedulesRun);
        var runOnly = Render<ScheduleTab>(p => p.Add(t => t.Tab, ScheduleTabs.Cleanup).Add(t => t.CanRun, true));
        runOnly.WaitForAssertion(() => runOnly.FindAll("button[data-testid=run-now]").Should().HaveCount(2), Wait);
        runOnly.FindAll("button[data-testid=save]").Should().BeEmpty();

        var editor = Render<ScheduleTab>(p => p.Add(t => t.Tab, ScheduleTabs.Cleanup).Add(t => t.CanEdit, true));
        editor.WaitForAssertion(() => editor.FindAll("button[data-testid=save]").Should().HaveCount(2), Wait);
        editor.FindAll("button[data-testid=run-now]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_tab_follows_schedule_changes_live_but_keeps_unsaved_typing()
    {
        GivenSchedules(Permissions.SchedulesEdit);
        var tab = Render<ScheduleTab>(p => p.Add(t => t.Tab, ScheduleTabs.Cleanup).Add(t => t.CanEdit, true));
        tab.WaitForAssertion(() => tab.FindAll(".puq-schedule").Should().HaveCount(2), Wait);
        tab.Find("[data-testid='schedule-cleanup:module-log'] input[data-testid=cron]").Input("*/5 * * * *");

        _schedules = [.. _schedules.Select(s => s with { Cron = "30 4 * * *", NextRunAt = s.Enabled ? At.AddHours(1) : null })];
        await LiveEvents.PublishAsync(new LiveEvent(EngineTopics.Schedules, "cleanup:task-queue"));

        tab.WaitForAssertion(() => tab.Find("[data-testid='schedule-cleanup:task-queue'] [data-testid=next-run]").TextContent.Should().Be("2026-03-14 04:00:00 UTC"), Wait);
        tab.Find("[data-testid='schedule-cleanup:task-queue'] input[data-testid=cron]").GetAttribute("value").Should().Be("30 4 * * *");
        tab.Find("[data-testid='schedule-cleanup:module-log'] input[data-testid=cron]").GetAttribute("value").Should().Be("*/5 * * * *");
    }
}
