using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Live;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Admin.Monitoring;

namespace PuqCloud.Tests.Components;

/// <summary>The Monitoring pages: each loaded and empty, their badges, the refused sign-in, the gated Delete all, the live task queue.</summary>
public sealed class MonitoringPageTests : ComponentTest
{
    /// <summary>Generous: the test machine is shared and often busy.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly DateTime At = new(2026, 3, 14, 9, 26, 53, DateTimeKind.Utc);

    /// <summary>Opens a dialog as the pages do, inside MudBlazor's dialog provider.</summary>
    private IRenderedComponent<MudDialogProvider> Show<TDialog>(DialogParameters<TDialog> parameters) where TDialog : IComponent
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("Details", parameters)).GetAwaiter().GetResult();
        return provider;
    }

    private static PagedResult<T> Page<T>(params T[] items) => new(items, items.Length, 1, 25);

    private static ActivityLogEntryDto Entry(string action, bool succeeded = true, int changes = 1, ActorKind actor = ActorKind.Staff, string? name = "Ada Lovelace") =>
        new(Guid.CreateVersion7(), At, actor, null, name, action, ActivityActions.Readable(action), succeeded, succeeded ? null : "It broke.", "203.0.113.7", "WEB", changes);

    private static EntityChangeDto Attempt(bool succeeded) =>
        new("SignInAttempt", "1", "Added", [new FieldChangeDto("Email", null, "ada@example.test"), new FieldChangeDto("Succeeded", null, succeeded ? "true" : "false")]);

    // Activity log

    [Fact]
    public void Activity_log_lists_entries_with_initiator_result_and_channel()
    {
        GivenStaffPermissions(Permissions.ActivityLogView);
        Requests.On<ListActivityLog, PagedResult<ActivityLogEntryDto>>(Page(
            Entry("UpdateCurrency"), Entry("ChargeServices", actor: ActorKind.System, name: null), Entry("DeleteClient", succeeded: false, changes: 0)));

        var page = RenderWithProviders<ActivityLog>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=activity-grid] tbody tr.mud-table-row").Should().HaveCount(3), Wait);
        var rows = page.FindAll("[data-testid=activity-grid] tbody tr.mud-table-row");
        rows[0].TextContent.Should().Contain("2026-03-14 09:26:53").And.Contain("Update currency").And.Contain("Ada Lovelace").And.Contain("203.0.113.7");
        rows[0].QuerySelector("[data-testid=result-succeeded]").Should().NotBeNull();
        rows[1].QuerySelector("[data-testid=initiator-kind]")!.TextContent.Should().Contain("System");
        rows[2].QuerySelector("[data-testid=result-failed]").Should().NotBeNull();
        page.Find("[data-testid=page-title]").TextContent.Should().Contain("Activity log");
        Requests.SentOf<ListActivityLog>().First().Page.Should().Be(new PageRequest(null, 1, 25, "-at"));
    }

    [Fact]
    public void Activity_log_says_what_would_be_listed_when_nothing_is_found()
    {
        Requests.On<ListActivityLog, PagedResult<ActivityLogEntryDto>>(Page<ActivityLogEntryDto>());

        var page = RenderWithProviders<ActivityLog>();

        page.WaitForAssertion(() => page.Find("[data-testid=empty-state]").TextContent.Should().Contain("Nothing found.").And.Contain("Commands of staff"), Wait);
    }

    [Fact]
    public void Activity_log_shows_each_result_as_the_audit_recorded_it_without_reading_details()
    {
        var refused = Entry("SignInStaff", succeeded: false, changes: 2, actor: ActorKind.Anonymous, name: null);
        var accepted = Entry("SignInStaff", changes: 2, actor: ActorKind.Anonymous, name: null);
        Requests.On<ListActivityLog, PagedResult<ActivityLogEntryDto>>(Page(refused, accepted));

        var page = RenderWithProviders<ActivityLog>();

        page.WaitForAssertion(() => page.FindAll("tbody tr.mud-table-row").Should().HaveCount(2), Wait);
        var rows = page.FindAll("tbody tr.mud-table-row");
        rows[0].QuerySelector("[data-testid=result-failed]").Should().NotBeNull();
        rows[0].QuerySelector("[data-testid=result-succeeded]").Should().BeNull();
        rows[1].QuerySelector("[data-testid=result-succeeded]").Should().NotBeNull();
        Requests.SentOf<GetActivityLogEntry>().Should().BeEmpty();
    }

    [Fact]
    public void Activity_details_show_the_changed_fields_and_a_refused_sign_in_as_failed()
    {
        var refused = Entry("SignInStaff", succeeded: false, changes: 1, actor: ActorKind.Anonymous, name: null);
        Requests.On<GetActivityLogEntry, ActivityLogDetailDto>(new ActivityLogDetailDto(refused, [Attempt(false)]));

        var dialog = Show(new DialogParameters<ActivityLogDialog> { { d => d.Id, refused.Id } });
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=activity-dialog] dl"), Wait);

        dialog.Find("[data-testid=result-failed]").TextContent.Should().Contain("Failed");
        var row = dialog.FindAll("[data-testid=change-row]").Single(r => r.TextContent.Contains("Succeeded"));
        row.QuerySelector("[data-testid=change-before]")!.TextContent.Should().Be("—");
        row.QuerySelector("[data-testid=change-after]")!.TextContent.Should().Be("false");
        dialog.Markup.Should().Contain("Created");
    }

    [Fact]
    public void Activity_details_show_the_error_of_a_failed_command()
    {
        var failed = Entry("DeleteClient", succeeded: false, changes: 0);
        Requests.On<GetActivityLogEntry, ActivityLogDetailDto>(new ActivityLogDetailDto(failed, []));

        var dialog = Show(new DialogParameters<ActivityLogDialog> { { d => d.Id, failed.Id } });
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=activity-dialog] dl"), Wait);

        dialog.Find("[data-testid=activity-error]").TextContent.Should().Contain("It broke.");
        dialog.Find("[data-testid=result-failed]");
        dialog.Markup.Should().Contain("This action changed no stored data.");
    }

    [Fact]
    public void Activity_log_searches_from_the_first_page()
    {
        Requests.On<ListActivityLog, PagedResult<ActivityLogEntryDto>>(Page(Entry("CreateCurrency")));
        var page = RenderWithProviders<ActivityLog>();
        page.WaitForAssertion(() => page.FindAll("tbody tr.mud-table-row").Should().HaveCount(1), Wait);

        page.Find("input[data-testid=search]").Input("create currency");

        page.WaitForAssertion(() => Requests.SentOf<ListActivityLog>().Last().Page.Search.Should().Be("create currency"), Wait);
        Requests.SentOf<ListActivityLog>().Last().Page.Page.Should().Be(1);
    }

    // Sessions

    [Fact]
    public void Admin_sessions_list_requests_with_type_and_method_badges()
    {
        Requests.On<ListAdminSessions, PagedResult<AdminSessionDto>>(Page(
            new AdminSessionDto(Guid.CreateVersion7(), At, Guid.CreateVersion7(), "Ada Lovelace", "ada@example.test", "203.0.113.7", "/admin/clients", "WEB", "GET"),
            new AdminSessionDto(Guid.CreateVersion7(), At, Guid.CreateVersion7(), "Ada Lovelace", "ada@example.test", "203.0.113.7", "/api/admin/v1/me", "API", "POST")));

        var page = RenderWithProviders<AdminSessions>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=admin-session-grid] tbody tr.mud-table-row").Should().HaveCount(2), Wait);
        var rows = page.FindAll("tbody tr.mud-table-row");
        rows[0].TextContent.Should().Contain("ada@example.test").And.Contain("/admin/clients").And.Contain("WEB").And.Contain("GET");
        rows[0].InnerHtml.Should().Contain("mud-chip-color-success");
        rows[1].InnerHtml.Should().Contain("mud-chip-color-info").And.Contain("mud-chip-color-warning");
    }

    [Fact]
    public void Admin_sessions_hide_me_asks_without_the_own_requests()
    {
        Requests.On<ListAdminSessions, PagedResult<AdminSessionDto>>(Page<AdminSessionDto>());
        var page = RenderWithProviders<AdminSessions>();
        page.WaitForAssertion(() => page.Find("[data-testid=empty-state]").TextContent.Should().Contain("Nothing found."), Wait);
        Requests.SentOf<ListAdminSessions>().Last().HideMe.Should().BeFalse();

        page.Find("input[data-testid=hide-me]").Change(true);

        page.WaitForAssertion(() => Requests.SentOf<ListAdminSessions>().Last().HideMe.Should().BeTrue(), Wait);
    }

    [Fact]
    public void Client_sessions_list_client_user_and_url()
    {
        Requests.On<ListClientSessions, PagedResult<ClientSessionDto>>(Page(
            new ClientSessionDto(Guid.CreateVersion7(), At, Guid.CreateVersion7(), "Oswald Hosting", Guid.CreateVersion7(), "Clara Oswald", "clara@example.test", "198.51.100.4", "/client/services", "WEB", "GET")));

        var page = RenderWithProviders<ClientSessions>();

        page.WaitForAssertion(() => page.Find("[data-testid=client-session-grid] tbody tr.mud-table-row").TextContent
            .Should().Contain("Oswald Hosting").And.Contain("Clara Oswald").And.Contain("clara@example.test").And.Contain("/client/services"), Wait);
    }

    [Fact]
    public void Client_sessions_empty_state()
    {
        Requests.On<ListClientSessions, PagedResult<ClientSessionDto>>(Page<ClientSessionDto>());

        var page = RenderWithProviders<ClientSessions>();

        page.WaitForAssertion(() => page.Find("[data-testid=empty-state]").TextContent.Should().Contain("client user"), Wait);
    }

    // Task queue

    private static TaskDto QueuedTask(string name, QueuedTaskStatus status, params string[] tags) =>
        new(Guid.CreateVersion7(), name, "default", status, status == QueuedTaskStatus.Queued ? 0 : 1, 3, tags, At, At, status == QueuedTaskStatus.Queued ? null : At, status is QueuedTaskStatus.Completed or QueuedTaskStatus.Failed ? At.AddSeconds(2) : null, status == QueuedTaskStatus.Failed ? "It broke." : null);

    private void GivenTasks(Func<TaskDto[]> tasks)
    {
        Requests.On<ListTasks, PagedResult<TaskDto>>(_ => Page(tasks()));
        Requests.On<ListTaskQueues, IReadOnlyList<string>>(["default", "system"]);
    }

    [Fact]
    public void Task_queue_shows_each_status_in_its_colour()
    {
        GivenTasks(() => [QueuedTask("queued", QueuedTaskStatus.Queued), QueuedTask("busy", QueuedTaskStatus.Processing), QueuedTask("done", QueuedTaskStatus.Completed, "invoice:1001"),
            QueuedTask("broken", QueuedTaskStatus.Failed), QueuedTask("again", QueuedTaskStatus.Duplicate)]);

        var page = RenderWithProviders<TaskQueue>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=task-status]").Should().HaveCount(5), Wait);
        var badges = page.FindAll("[data-testid=task-status]").ToDictionary(b => b.GetAttribute("data-status")!, b => b);
        badges["Queued"].ClassList.Should().Contain("mud-chip-color-info");
        badges["Processing"].ClassList.Should().Contain("mud-chip-color-warning");
        badges["Completed"].ClassList.Should().Contain("mud-chip-color-success");
        badges["Failed"].ClassList.Should().Contain("mud-chip-color-error");
        badges["Duplicate"].TextContent.Should().Contain("Duplicate");
        page.Markup.Should().Contain("invoice:1001");
        page.FindAll("[data-testid=task-tries]").Select(t => t.TextContent).Should().Contain(["0/3", "1/3"]);
    }

    [Fact]
    public void Task_queue_empty_state()
    {
        GivenTasks(() => []);

        var page = RenderWithProviders<TaskQueue>();

        page.WaitForAssertion(() => page.Find("[data-testid=empty-state]").TextContent.Should().Contain("Background work"), Wait);
    }

    [Fact]
    public async Task Task_queue_reloads_when_a_task_changes_without_a_page_reload()
    {
        var status = QueuedTaskStatus.Queued;
        var watched = QueuedTask("watched", QueuedTaskStatus.Queued);
        GivenTasks(() => [watched with { Status = status }]);
        var page = RenderWithProviders<TaskQueue>();
        page.WaitForAssertion(() => page.Find("[data-testid=task-status]").GetAttribute("data-status").Should().Be("Queued"), Wait);

        status = QueuedTaskStatus.Completed;
        await LiveEvents.PublishAsync(new LiveEvent(EngineTopics.Tasks, watched.Id.ToString()));

        page.WaitForAssertion(() => page.Find("[data-testid=task-status]").GetAttribute("data-status").Should().Be("Completed"), Wait);
    }

    [Fact]
    public void Task_queue_sorts_dates_by_the_query_s_own_keys()
    {
        GivenTasks(() => [QueuedTask("done", QueuedTaskStatus.Completed)]);

        var page = RenderWithProviders<TaskQueue>();

        page.WaitForAssertion(() => Requests.SentOf<ListTasks>().Should().NotBeEmpty(), Wait);
        Requests.SentOf<ListTasks>().First().Page.Sort.Should().Be("-created");
    }

    [Fact]
    public void Task_details_show_input_output_and_error()
    {
        var task = QueuedTask("fail", QueuedTaskStatus.Failed, "service:vps-17");
        Requests.On<GetTask, TaskDetailDto>(new TaskDetailDto(task, "{\"service\": \"vps-17\"}", null, null, 60, 30, "node-a", null));

        var dialog = Show(new DialogParameters<TaskDialog> { { d => d.Id, task.Id } });
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=task-dialog] dl"), Wait);

        dialog.Find("[data-testid=task-input]").TextContent.Should().Contain("vps-17");
        dialog.Find("[data-testid=task-output]").TextContent.Should().Be("—");
        dialog.Find("[data-testid=task-error]").TextContent.Should().Contain("It broke.");
        dialog.Find("[data-testid=task-status]").GetAttribute("data-status").Should().Be("Failed");
        dialog.Markup.Should().Contain("node-a").And.Contain("service:vps-17");
    }

    // Module log

    private void GivenModuleLog(params ModuleLogEntryDto[] entries)
    {
        Requests.On<ListModuleLog, PagedResult<ModuleLogEntryDto>>(Page(entries));
        Requests.On<ListModuleLogModules, IReadOnlyList<ModuleLogModule>>([new ModuleLogModule("puq-sample-product", "Sample Product")]);
    }

    [Fact]
    public void Module_log_lists_entries_with_level_badges()
    {
        GivenStaffPermissions(Permissions.ModuleLogView);
        GivenModuleLog(
            new ModuleLogEntryDto(Guid.CreateVersion7(), At, "puq-sample-product", "Sample Product", "create", "Info", "create done"),
            new ModuleLogEntryDto(Guid.CreateVersion7(), At, "puq-sample-product", "Sample Product", "suspend", "Error", "API refused"));

        var page = RenderWithProviders<ModuleLog>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=module-log-grid] tbody tr.mud-table-row").Should().HaveCount(2), Wait);
        page.FindAll("[data-testid=log-module]").Select(m => m.TextContent).Should().AllBe("Sample Product");
        var levels = page.FindAll("[data-testid=module-log-grid] [data-testid=log-level]");
        levels[0].ClassList.Should().Contain("mud-chip-color-info");
        levels[1].ClassList.Should().Contain("mud-chip-color-error");
        levels[1].TextContent.Should().Contain("Error");
        page.Find("[data-testid=log-message]").TextContent.Should().Be("create done");
    }

    [Fact]
    public void Module_log_empty_state_still_says_nothing_found()
    {
        GivenStaffPermissions(Permissions.ModuleLogView);
        GivenModuleLog();

        var page = RenderWithProviders<ModuleLog>();

        page.WaitForAssertion(() => page.Find("[data-testid=module-log-grid]").TextContent.Should().Contain("Nothing found.").And.Contain("Modules write their calls"), Wait);
    }

    [Fact]
    public void Delete_all_needs_the_permission_to_delete_the_module_log()
    {
        GivenStaffPermissions(Permissions.ModuleLogView);
        GivenModuleLog();
        var viewer = RenderWithProviders<ModuleLog>();
        viewer.WaitForAssertion(() => viewer.Find("[data-testid=empty-state]"), Wait);
        viewer.FindAll("[data-testid=delete-all-module-log]").Should().BeEmpty();

        GivenStaffPermissions(Permissions.ModuleLogView, Permissions.ModuleLogDelete);
        var admin = Render<ModuleLog>();
        admin.WaitForAssertion(() => admin.Find("button[data-testid=delete-all-module-log]").TextContent.Should().Contain("Delete all"), Wait);
    }

    [Fact]
    public void Delete_all_asks_first_and_deletes_when_confirmed()
    {
        GivenStaffPermissions(Permissions.ModuleLogView, Permissions.ModuleLogDelete);
        GivenModuleLog();
        Requests.On<DeleteAllModuleLog, int>(7);
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<ModuleLog>();
        page.WaitForElement("button[data-testid=delete-all-module-log]", Wait).Click();

        provider.WaitForAssertion(() => provider.Markup.Should().Contain("This cannot be undone."), Wait);
        Requests.SentOf<DeleteAllModuleLog>().Should().BeEmpty();
        provider.FindAll("button").Single(b => b.TextContent.Contains("Delete all")).Click();

        page.WaitForAssertion(() => Requests.SentOf<DeleteAllModuleLog>().Should().HaveCount(1), Wait);
    }

    [Fact]
    public void Module_log_details_show_request_and_response_as_indented_json()
    {
        var entry = new ModuleLogEntryDto(Guid.CreateVersion7(), At, "puq-sample-product", "Sample Product", "create", "Debug", "create done");
        Requests.On<GetModuleLogEntry, ModuleLogDetailDto>(new ModuleLogDetailDto(entry, "{\"apiKey\":\"***\",\"plan\":\"small\"}", "plain text"));

        var dialog = Show(new DialogParameters<ModuleLogDialog> { { d => d.Id, entry.Id } });
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=module-log-dialog] dl"), Wait);

        dialog.Find("[data-testid=module-log-request]").TextContent.Should().Contain("\"apiKey\": \"***\"").And.Contain("\n");
        dialog.Find("[data-testid=module-log-response]").TextContent.Should().Be("plain text");
        dialog.Find("[data-testid=log-level]").ClassList.Should().Contain("mud-chip-color-secondary");
    }
}
