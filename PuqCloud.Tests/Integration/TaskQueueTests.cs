using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>An app with the test task handlers, eight workers and a sweep every second.</summary>
public abstract class TaskAppFixture(TestDatabase database) : IAsyncLifetime
{
    public static Dictionary<string, string?> Settings(string node) => new()
    {
        ["Node:Name"] = node,
        ["Tasks:Workers"] = "8",
        ["Tasks:PollMilliseconds"] = "100",
        ["Tasks:SweepSeconds"] = "1",
        ["Tasks:LeaseSeconds"] = "6",
    };

    public TaskProbe Probe { get; } = new();
    public PuqAppFactory App { get; private set; } = default!;

    public async Task InitializeAsync() =>
        App = await PuqAppFactory.StartAsync(database, settings: Settings("node-a"), services: TestTaskHandlers.Register(Probe, "node-a"));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteTaskAppFixture() : TaskAppFixture(TestDatabase.Sqlite);

public sealed class PostgresTaskAppFixture() : TaskAppFixture(TestDatabase.Postgres);

/// <summary>The persistent task queue: claiming, retries, timeouts, dedupe, crash recovery, and its API.</summary>
public abstract class TaskQueueTests(TaskAppFixture fixture)
{
    protected PuqAppFactory App => fixture.App;
    protected TaskProbe Probe => fixture.Probe;
    private ITaskQueue Queue => App.Services.GetRequiredService<ITaskQueue>();

    private static string Batch() => "batch:" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Enqueues <paramref name="count"/> counting tasks tagged with a batch, waits for all to complete, and checks each ran once.</summary>
    protected static async Task EnqueueAndExpectEachRunOnceAsync(IReadOnlyList<PuqAppFactory> apps, TaskProbe probe, int count)
    {
        var batch = Batch();
        var queue = apps[0].Services.GetRequiredService<ITaskQueue>();
        var ids = new List<Guid>();
        // Enqueue from several callers at once, as a busy panel would.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var id = await queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Count, $"{{\"n\":{i}}}", Tags: [batch]), ct);
            lock (ids) ids.Add(id);
        });

        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            await using var db = apps[0].CreateDbContext();
            var completed = await db.QueuedTasks.CountAsync(t => t.Tags == batch && t.Status == QueuedTaskStatus.Completed);
            if (completed == count) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{completed} of {count} tasks completed.");
            await Task.Delay(200);
        }

        var idSet = ids.ToHashSet();
        var runs = probe.All.Where(r => idSet.Contains(r.TaskId)).ToList();
        runs.GroupBy(r => r.TaskId).Should().HaveCount(count).And.OnlyContain(g => g.Count() == 1, "no task runs twice");
        await using (var db = apps[0].CreateDbContext())
        {
            var rows = await db.QueuedTasks.AsNoTracking().Where(t => t.Tags == batch).ToListAsync();
            rows.Should().OnlyContain(t => t.Tries == 1 && t.OutputJson == "{\"ran\":true}" && t.FinishedAt != null && t.LockedBy == null);
        }
        if (apps.Count > 1)
            runs.Select(r => r.Node).Distinct().Should().HaveCount(apps.Count, "every node takes part");
    }

    [Fact]
    public async Task Three_hundred_tasks_on_eight_workers_each_complete_exactly_once() =>
        await EnqueueAndExpectEachRunOnceAsync([App], Probe, 300);

    [Fact]
    public async Task A_try_that_runs_past_its_timeout_fails()
    {
        var id = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Sleep, "{\"ms\":10000}", MaxTries: 1, Timeout: TimeSpan.FromSeconds(1)));

        var task = await App.WaitForAsync(id, null, QueuedTaskStatus.Failed, QueuedTaskStatus.Completed);
        task.Status.Should().Be(QueuedTaskStatus.Failed);
        task.Error.Should().Contain("timed out");
        task.Tries.Should().Be(1);
        task.FinishedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task The_retry_of_a_try_that_ignores_its_timeout_starts_only_after_that_try_has_ended()
    {
        var id = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Stubborn, "{\"ms\":2500}", MaxTries: 2,
            Timeout: TimeSpan.FromSeconds(1), Backoff: TimeSpan.Zero));

        var task = await App.WaitForAsync(id, null, QueuedTaskStatus.Failed, QueuedTaskStatus.Completed);
        task.Status.Should().Be(QueuedTaskStatus.Failed);
        task.Error.Should().Contain("timed out");
        var tries = Probe.TriesOf(id);
        tries.Should().HaveCount(2);
        // Without the wait the retry starts one second in, while the first try still runs for another 1.5 s.
        tries[1].StartedAt.Should().BeOnOrAfter(tries[0].EndedAt);
    }

    [Fact]
    public async Task A_try_whose_lease_was_swept_is_cancelled_and_never_closes_the_try_that_took_the_task_over()
    {
        var id = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Sleep, "{\"ms\":4000}", MaxTries: 3, Backoff: TimeSpan.Zero));
        await App.WaitForAsync(id, null, QueuedTaskStatus.Processing);

        // As if the try's renewals had failed: its lease ran out under another holder's name, and the sweep takes the task back.
        await using (var db = App.CreateDbContext())
            await db.QueuedTasks.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedBy, "lost-lease").SetProperty(t => t.LockedUntil, DateTime.UtcNow.AddMinutes(-1)));

        var task = await App.WaitForAsync(id, null, QueuedTaskStatus.Completed, QueuedTaskStatus.Failed);
        var tries = Probe.TriesOf(id);
        tries.Select(t => t.Try).Should().Equal(1, 2);
        (task.Status, task.Tries).Should().Be((QueuedTaskStatus.Completed, 2));
        // Before the fix the first try slept on and, its node's name matching, marked the task completed while try 2 still ran.
        task.FinishedAt.Should().BeOnOrAfter(tries[1].EndedAt.AddMilliseconds(-50), "only the try that holds the task finishes it");
        tries[0].EndedAt.Should().BeBefore(tries[1].EndedAt);
    }

    [Fact]
    public async Task A_task_that_keeps_failing_fails_after_its_last_try()
    {
        var id = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Fail, MaxTries: 2, Backoff: TimeSpan.Zero));

        var task = await App.WaitForAsync(id, null, QueuedTaskStatus.Failed);
        task.Tries.Should().Be(2);
        task.Error.Should().Be("The test handler always fails.");
        Probe.TriesOf(id).Should().HaveCount(2);
    }

    /// <summary>
    /// Tasks of one lane (a service's module actions) run one at a time in the order queued: the second waits while
    /// the first waits out its retries' backoff, the third for the second; a task without a lane does not wait for them.
    /// </summary>
    [Fact]
    public async Task Tasks_of_one_lane_run_one_at_a_time_in_order_retries_included()
    {
        var key = "lane-" + Guid.NewGuid().ToString("N");
        var flaky = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Flaky, Backoff: TimeSpan.FromSeconds(1), Lane: key));
        var sleeper = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Sleep, "{\"ms\":300}", Lane: key));
        var counter = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Count, Lane: key));
        var free = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Count));

        await App.WaitForAsync(counter, null, QueuedTaskStatus.Completed);
        var flakyTries = Probe.TriesOf(flaky);
        flakyTries.Should().HaveCount(3, "it fails twice and then succeeds");
        var sleeperTry = Probe.TriesOf(sleeper).Should().ContainSingle().Subject;
        var counterTry = Probe.TriesOf(counter).Should().ContainSingle().Subject;
        sleeperTry.StartedAt.Should().BeOnOrAfter(flakyTries[^1].EndedAt, "the second waits for the first, its retries included");
        counterTry.StartedAt.Should().BeOnOrAfter(sleeperTry.EndedAt);
        (await App.WaitForAsync(free, null, QueuedTaskStatus.Completed)).StartedAt.Should().BeBefore(flakyTries[^1].StartedAt, "a task without a lane does not wait");
    }

    [Fact]
    public async Task A_task_with_the_dedupe_key_of_a_pending_one_is_a_duplicate_and_never_runs()
    {
        var key = "dedupe-" + Guid.NewGuid().ToString("N");
        var first = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Sleep, "{\"ms\":1500}", DedupeKey: key));
        var second = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Count, DedupeKey: key));
        second.Should().NotBe(first);

        (await App.WaitForAsync(first, null, QueuedTaskStatus.Completed)).Tries.Should().Be(1);
        var duplicate = await App.WaitForAsync(second, null, QueuedTaskStatus.Duplicate);
        duplicate.Tries.Should().Be(0);
        duplicate.StartedAt.Should().BeNull();
        Probe.TriesOf(second).Should().BeEmpty();

        // Once the first is done the key is free again.
        var third = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Count, DedupeKey: key));
        (await App.WaitForAsync(third, null, QueuedTaskStatus.Completed, QueuedTaskStatus.Duplicate)).Status.Should().Be(QueuedTaskStatus.Completed);
    }

    [Fact]
    public async Task Enqueues_racing_with_one_dedupe_key_leave_one_pending_task()
    {
        var key = "race-" + Guid.NewGuid().ToString("N");
        var ids = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Sleep, "{\"ms\":1500}", DedupeKey: key)))));

        await using var db = App.CreateDbContext();
        var statuses = db.QueuedTasks.Where(t => ids.Contains(t.Id)).Select(t => t.Status).ToList();
        statuses.Should().HaveCount(16);
        statuses.Count(s => s != QueuedTaskStatus.Duplicate).Should().Be(1, "the database holds one pending task per dedupe key");
    }

    [Fact]
    public async Task Tasks_of_a_node_whose_lease_expired_are_queued_again_or_failed()
    {
        var now = DateTime.UtcNow;
        var abandoned = new QueuedTask
        {
            Name = TestTaskHandlers.Count, Status = QueuedTaskStatus.Processing, Tries = 1, MaxTries = 3, CreatedAt = now.AddMinutes(-5),
            AvailableAt = now.AddMinutes(-5), StartedAt = now.AddMinutes(-4), LockedBy = "dead-node", LockedUntil = now.AddMinutes(-1),
        };
        var exhausted = new QueuedTask
        {
            Name = TestTaskHandlers.Count, Status = QueuedTaskStatus.Processing, Tries = 2, MaxTries = 2, CreatedAt = now.AddMinutes(-5),
            AvailableAt = now.AddMinutes(-5), StartedAt = now.AddMinutes(-4), LockedBy = "dead-node", LockedUntil = now.AddMinutes(-1),
        };
        await using (var db = App.CreateDbContext())
        {
            db.QueuedTasks.AddRange(abandoned, exhausted);
            await db.SaveChangesAsync();
        }

        var recovered = await App.WaitForAsync(abandoned.Id, null, QueuedTaskStatus.Completed, QueuedTaskStatus.Failed);
        recovered.Status.Should().Be(QueuedTaskStatus.Completed);
        recovered.Tries.Should().Be(2);
        Probe.TriesOf(abandoned.Id).Should().ContainSingle().Which.Try.Should().Be(2);

        var failed = await App.WaitForAsync(exhausted.Id, null, QueuedTaskStatus.Failed);
        failed.Error.Should().Contain("dead-node").And.Contain("lease expired");
        Probe.TriesOf(exhausted.Id).Should().BeEmpty();
    }

    [Fact]
    public async Task A_task_without_a_handler_fails_with_a_clear_error()
    {
        var id = await Queue.EnqueueAsync(new TaskRequest("default", "nobody.handles.this"));

        var task = await App.WaitForAsync(id, null, QueuedTaskStatus.Failed);
        task.Error.Should().Be("No handler is registered for the task \"nobody.handles.this\".");
        task.Tries.Should().Be(1);
    }

    [Fact]
    public async Task The_api_lists_filters_and_shows_tasks_to_those_with_the_permission()
    {
        var tag = "api:" + Guid.NewGuid().ToString("N")[..8];
        var done = await Queue.EnqueueAsync(new TaskRequest("system", TestTaskHandlers.Count, "{\"order\":42,\"items\":[1,2]}", Tags: [tag, "kind:api-test"]));
        var failed = await Queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Fail, MaxTries: 1, Tags: [tag]));
        await App.WaitForAsync(done, null, QueuedTaskStatus.Completed);
        await App.WaitForAsync(failed, null, QueuedTaskStatus.Failed);

        var admin = await App.SuperAdminClientAsync();
        var all = await GetAsync(admin, $"/api/admin/v1/tasks?search={Uri.EscapeDataString(tag)}");
        all.GetProperty("total").GetInt32().Should().Be(2);
        var onlyFailed = await GetAsync(admin, $"/api/admin/v1/tasks?search={Uri.EscapeDataString(tag)}&status=Failed");
        onlyFailed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().Equal(failed);
        var system = await GetAsync(admin, $"/api/admin/v1/tasks?search={Uri.EscapeDataString(tag)}&queue=system");
        var row = system.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        row.GetProperty("status").GetString().Should().Be("Completed");
        row.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal(tag, "kind:api-test");
        (await GetAsync(admin, $"/api/admin/v1/tasks?search={done}")).GetProperty("total").GetInt32().Should().Be(1);
        // An id the tags carry (a service's, pasted from its page) finds the task too.
        var service = Guid.NewGuid();
        var ofService = await Queue.EnqueueAsync(new TaskRequest("system", TestTaskHandlers.Count, Tags: [$"service:{service}"]));
        (await GetAsync(admin, $"/api/admin/v1/tasks?search={service}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().Equal(ofService);
        (await GetAsync(admin, $"/api/admin/v1/tasks?search={service:N}")).GetProperty("total").GetInt32().Should().Be(1, "an id without its hyphens is the same id");
        (await GetAsync(admin, $"/api/admin/v1/tasks?search={Uri.EscapeDataString(tag)}&from={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}")).GetProperty("total").GetInt32().Should().Be(0);

        var detail = await GetAsync(admin, $"/api/admin/v1/tasks/{done}");
        detail.GetProperty("input").GetString().Should().Contain("\n").And.Contain("\"order\": 42");
        detail.GetProperty("output").GetString().Should().Contain("\"ran\": true");
        (await GetAsync(admin, $"/api/admin/v1/tasks/{failed}")).GetProperty("task").GetProperty("error").GetString().Should().Be("The test handler always fails.");
        (await admin.GetAsync($"/api/admin/v1/tasks/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var nobody = await App.StaffClientWithAsync();
        (await nobody.GetAsync("/api/admin/v1/tasks")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync($"/api/admin/v1/tasks/{done}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var viewer = await App.StaffClientWithAsync(Permissions.TasksView);
        (await viewer.GetAsync($"/api/admin/v1/tasks/{done}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }
}

public sealed class SqliteTaskQueueTests(SqliteTaskAppFixture fixture) : TaskQueueTests(fixture), IClassFixture<SqliteTaskAppFixture>;

public sealed class PostgresTaskQueueTests(PostgresTaskAppFixture fixture) : TaskQueueTests(fixture), IClassFixture<PostgresTaskAppFixture>
{
    [Fact]
    public async Task Two_nodes_on_one_database_run_each_of_three_hundred_tasks_exactly_once()
    {
        // A second app on the same database, with a node name of its own, reporting to the same probe.
        var settings = TaskAppFixture.Settings("node-b");
        settings["ConnectionStrings:Default"] = App.PostgresConnectionString;
        await using var second = await PuqAppFactory.StartAsync(TestDatabase.Postgres, settings: settings, services: TestTaskHandlers.Register(Probe, "node-b"));

        await EnqueueAndExpectEachRunOnceAsync([App, second], Probe, 300);
    }
}
