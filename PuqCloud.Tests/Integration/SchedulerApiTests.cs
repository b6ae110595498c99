using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Domain.Monitoring;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

public abstract class SchedulerApiTests(PuqAppFactory app)
{
    private const string Api = "/api/admin/v1/schedules";
    private static string Path(string key, string? action = null) => $"{Api}/{Uri.EscapeDataString(key)}" + (action is null ? "" : "/" + action);

    [Fact]
    public async Task Every_schedule_gets_a_record_with_its_defaults()
    {
        var client = await app.SuperAdminClientAsync();

        var list = (await (await client.GetAsync(Api)).JsonAsync()).EnumerateArray().ToList();

        var cleanup = list.Single(s => s.GetProperty("key").GetString() == RetentionCleanup.ModuleLogKey);
        cleanup.GetProperty("tab").GetString().Should().Be("Cleanup");
        cleanup.GetProperty("cron").GetString().Should().Be("10 2 * * *");
        cleanup.GetProperty("defaultCron").GetString().Should().Be("10 2 * * *");
        cleanup.GetProperty("enabled").GetBoolean().Should().BeTrue();
        cleanup.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        cleanup.GetProperty("nextRunAt").GetDateTime().Should().BeAfter(DateTime.UtcNow);
        await using var db = app.CreateDbContext();
        var keys = await db.Schedules.Select(s => s.Key).ToListAsync();
        keys.Should().Contain(RetentionCleanup.Definitions().Select(d => d.Key));
    }

    [Fact]
    public async Task Update_validates_the_cron_switches_off_and_reset_restores_the_default_cron_and_keeps_the_switch()
    {
        var client = await app.SuperAdminClientAsync();
        var key = RetentionCleanup.SessionsKey;

        var bad = await client.PutAsJsonAsync(Path(key), new { cron = "61 * * * *", enabled = true });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).GetProperty("errors").GetProperty("cron")[0].GetString().Should().Contain("cron");
        var never = await client.PutAsJsonAsync(Path(key), new { cron = "0 2 30 2 *", enabled = true });
        never.StatusCode.Should().Be(HttpStatusCode.BadRequest, "30 February never comes");
        (await never.JsonAsync()).GetProperty("errors").GetProperty("cron")[0].GetString().Should().Contain("never fires");
        (await client.PutAsJsonAsync(Path(key), new { cron = "0 2 30 2 *", enabled = false })).StatusCode.Should().Be(HttpStatusCode.OK, "switching off works whatever the expression");

        var changed = await (await client.PutAsJsonAsync(Path(key), new { cron = "*/10 * * * *", enabled = true })).JsonAsync();
        changed.GetProperty("cron").GetString().Should().Be("*/10 * * * *");
        var next = changed.GetProperty("nextRunAt").GetDateTime();
        next.Should().BeAfter(DateTime.UtcNow).And.BeBefore(DateTime.UtcNow.AddMinutes(11));
        next.Minute.Should().Match(m => m % 10 == 0);

        var off = await (await client.PutAsJsonAsync(Path(key), new { cron = "*/10 * * * *", enabled = false })).JsonAsync();
        off.GetProperty("enabled").GetBoolean().Should().BeFalse();
        off.GetProperty("nextRunAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

        // Reset puts the default cron back and leaves the switch: a schedule switched off on purpose stays off.
        var reset = await (await client.PostAsync(Path(key, "reset"), null)).JsonAsync();
        reset.GetProperty("cron").GetString().Should().Be("20 2 * * *");
        reset.GetProperty("enabled").GetBoolean().Should().BeFalse();
        reset.GetProperty("nextRunAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        var on = await (await client.PutAsJsonAsync(Path(key), new { cron = "20 2 * * *", enabled = true })).JsonAsync();
        on.GetProperty("nextRunAt").ValueKind.Should().NotBe(System.Text.Json.JsonValueKind.Null);

        (await client.PutAsJsonAsync(Path("no:such-schedule"), new { cron = "0 2 * * *", enabled = true })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Run_now_is_recorded_like_any_run()
    {
        var client = await app.SuperAdminClientAsync();
        var key = RetentionCleanup.TaskQueueKey;

        var run = await client.PostAsync(Path(key, "run"), null);

        run.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await run.JsonAsync();
        result.GetProperty("outcome").GetString().Should().Be("Succeeded");
        result.GetProperty("node").GetString().Should().Be("test-node");
        await using var db = app.CreateDbContext();
        var recorded = await db.ScheduleRuns.SingleAsync(r => r.Id == result.GetProperty("runId").GetGuid());
        recorded.Outcome.Should().Be("Succeeded");
        recorded.FinishedAt.Should().NotBeNull();
        recorded.Node.Should().Be("test-node");
        var record = await db.Schedules.SingleAsync(s => s.Key == key);
        record.LastOutcome.Should().Be("Succeeded");
        record.LastRunAt.Should().BeCloseTo(recorded.StartedAt, TimeSpan.FromMilliseconds(1));
        var listed = (await (await client.GetAsync(Api)).JsonAsync()).EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);
        listed.GetProperty("lastOutcome").GetString().Should().Be("Succeeded");
    }

    [Fact]
    public async Task Each_action_needs_its_permission()
    {
        var key = RetentionCleanup.ActivityLogKey;
        var viewer = await app.StaffClientWithAsync(Permissions.SchedulesView);
        (await viewer.GetAsync(Api)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.PutAsJsonAsync(Path(key), new { cron = "0 3 * * *", enabled = true })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PostAsync(Path(key, "reset"), null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PostAsync(Path(key, "run"), null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var editor = await app.StaffClientWithAsync(Permissions.SchedulesView, Permissions.SchedulesEdit);
        (await editor.PostAsync(Path(key, "reset"), null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await editor.PostAsync(Path(key, "run"), null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var runner = await app.StaffClientWithAsync(Permissions.SchedulesRun);
        (await runner.PostAsync(Path(key, "run"), null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var nobody = await app.StaffClientWithAsync();
        (await nobody.GetAsync(Api)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Cleanup_deletes_only_rows_older_than_the_retention()
    {
        var now = DateTime.UtcNow;
        var user = await app.AddClientUserAsync($"cleanup-{Guid.NewGuid():N}@example.test", "Client-pass-123");
        QueuedTask Task(QueuedTaskStatus status, int daysAgo) => new() { Name = "cleanup-test", Status = status, CreatedAt = now.AddDays(-daysAgo), AvailableAt = now.AddDays(-daysAgo), FinishedAt = status is QueuedTaskStatus.Queued or QueuedTaskStatus.Processing ? null : now.AddDays(-daysAgo) };
        var oldCompleted = Task(QueuedTaskStatus.Completed, 40);
        var oldFailed = Task(QueuedTaskStatus.Failed, 40);
        var oldDuplicate = Task(QueuedTaskStatus.Duplicate, 40);
        var oldQueued = Task(QueuedTaskStatus.Queued, 40);
        var oldProcessing = Task(QueuedTaskStatus.Processing, 40);
        var recentCompleted = Task(QueuedTaskStatus.Completed, 5);
        // A service's module lane whose last action failed keeps its rows for Retry, however old; one that went on keeps none.
        var failedLane = ServiceSteps.ModuleLanePrefix + Guid.NewGuid();
        var (laneCreated, laneFailedTerminate) = (Task(QueuedTaskStatus.Completed, 50), Task(QueuedTaskStatus.Failed, 40));
        (laneCreated.Lane, laneFailedTerminate.Lane) = (failedLane, failedLane);
        var doneLane = ServiceSteps.ModuleLanePrefix + Guid.NewGuid();
        var (laneFailedSuspend, laneRetriedSuspend) = (Task(QueuedTaskStatus.Failed, 50), Task(QueuedTaskStatus.Completed, 40));
        (laneFailedSuspend.Lane, laneRetriedSuspend.Lane) = (doneLane, doneLane);
        var oldRun = new ScheduleRun { ScheduleKey = "cleanup-test", StartedAt = now.AddDays(-40), FinishedAt = now.AddDays(-40), Outcome = "Succeeded" };
        var recentRun = new ScheduleRun { ScheduleKey = "cleanup-test", StartedAt = now.AddDays(-5), FinishedAt = now.AddDays(-5), Outcome = "Failed" };
        var oldLog = new ModuleLogEntry { At = now.AddDays(-40), ModuleKey = "test", Action = "a", Message = "old" };
        var recentLog = new ModuleLogEntry { At = now.AddDays(-5), ModuleKey = "test", Action = "a", Message = "recent" };
        RequestLogEntry Request(ActorKind kind, int daysAgo) => new() { At = now.AddDays(-daysAgo), ActorKind = kind, Url = "/cleanup-test", Channel = "WEB", Method = "GET" };
        var oldAdmin = Request(ActorKind.Staff, 100);
        var keptAdmin = Request(ActorKind.Staff, 50);
        var oldClient = Request(ActorKind.ClientUser, 100);
        var keptClient = Request(ActorKind.ClientUser, 50);
        var oldActivity = new ActivityLogEntry { At = now.AddDays(-400), ActorKind = ActorKind.System, Channel = "JOB", Action = "CleanupTest", Succeeded = true };
        var keptActivity = new ActivityLogEntry { At = now.AddDays(-10), ActorKind = ActorKind.System, Channel = "JOB", Action = "CleanupTest", Succeeded = true };
        var oldAttempt = new SignInAttempt { At = now.AddDays(-400), AccountKind = ActorKind.Staff, Email = "x@example.test" };
        var keptAttempt = new SignInAttempt { At = now.AddDays(-10), AccountKind = ActorKind.Staff, Email = "x@example.test" };
        var oldUsedToken = new PuqCloud.Core.Domain.Clients.PasswordResetToken { ClientUserId = user.Id, TokenHash = Guid.NewGuid().ToString("N"), CreatedAt = now.AddDays(-400), ExpiresAt = now.AddDays(-399), UsedAt = now.AddDays(-399) };
        var recentToken = new PuqCloud.Core.Domain.Clients.PasswordResetToken { ClientUserId = user.Id, TokenHash = Guid.NewGuid().ToString("N"), CreatedAt = now.AddDays(-1), ExpiresAt = now.AddDays(-1).AddHours(1) };
        await using (var db = app.CreateDbContext())
        {
            db.QueuedTasks.AddRange(oldCompleted, oldFailed, oldDuplicate, oldQueued, oldProcessing, recentCompleted, laneCreated, laneFailedTerminate, laneFailedSuspend, laneRetriedSuspend);
            db.ModuleLog.AddRange(oldLog, recentLog);
            db.ScheduleRuns.AddRange(oldRun, recentRun);
            db.RequestLog.AddRange(oldAdmin, keptAdmin, oldClient, keptClient);
            db.ActivityLog.AddRange(oldActivity, keptActivity);
            db.SignInAttempts.AddRange(oldAttempt, keptAttempt);
            db.PasswordResetTokens.AddRange(oldUsedToken, recentToken);
            await db.SaveChangesAsync();
        }

        var client = await app.SuperAdminClientAsync();
        foreach (var key in RetentionCleanup.Definitions().Select(d => d.Key))
            (await (await client.PostAsync(Path(key, "run"), null)).JsonAsync()).GetProperty("outcome").GetString().Should().Be("Succeeded");

        await using var check = app.CreateDbContext();
        (await check.QueuedTasks.Where(t => t.Name == "cleanup-test").Select(t => t.Id).ToListAsync())
            .Should().BeEquivalentTo([oldQueued.Id, oldProcessing.Id, recentCompleted.Id, laneCreated.Id, laneFailedTerminate.Id]);
        (await check.ModuleLog.Where(e => e.ModuleKey == "test").Select(e => e.Id).ToListAsync()).Should().BeEquivalentTo([recentLog.Id]);
        (await check.ScheduleRuns.Where(r => r.ScheduleKey == "cleanup-test").Select(r => r.Id).ToListAsync()).Should().BeEquivalentTo([recentRun.Id]);
        (await check.RequestLog.Where(e => e.Url == "/cleanup-test").Select(e => e.Id).ToListAsync()).Should().BeEquivalentTo([keptAdmin.Id, keptClient.Id]);
        (await check.ActivityLog.AnyAsync(e => e.Id == oldActivity.Id)).Should().BeFalse();
        (await check.ActivityLog.AnyAsync(e => e.Id == keptActivity.Id)).Should().BeTrue();
        (await check.SignInAttempts.Where(e => e.Id == oldAttempt.Id || e.Id == keptAttempt.Id).Select(e => e.Id).ToListAsync()).Should().BeEquivalentTo([keptAttempt.Id]);
        (await check.PasswordResetTokens.Where(t => t.ClientUserId == user.Id).Select(t => t.Id).ToListAsync()).Should().BeEquivalentTo([recentToken.Id]);
    }
}

public sealed class SqliteSchedulerApiTests(SqliteAppFixture fixture) : SchedulerApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresSchedulerApiTests(PostgresAppFixture fixture) : SchedulerApiTests(fixture.App), IClassFixture<PostgresAppFixture>;
