using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Jobs;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Engine.Scheduling;

/// <summary>How many rows a cleanup removed, in how many statements.</summary>
public sealed record CleanupResult(int Deleted, int Batches)
{
    public static CleanupResult operator +(CleanupResult a, CleanupResult b) => new(a.Deleted + b.Deleted, a.Batches + b.Batches);
}

/// <summary>
/// The Cleanup tab's work: removes history older than the General settings' Time Based periods. Rows go
/// in batches of `Jobs:CleanupBatchSize` ids per statement, so that no statement holds the database long.
/// </summary>
public sealed class RetentionCleanup(IDbContextFactory<AppDbContext> contexts, IGeneralSettingsStore settings, TimeProvider clock, IOptions<JobOptions> options)
{
    public const string TaskQueueKey = "cleanup:task-queue";
    public const string ModuleLogKey = "cleanup:module-log";
    public const string SessionsKey = "cleanup:sessions";
    public const string ActivityLogKey = "cleanup:activity-log";

    /// <summary>The four cleanup schedules, nightly one after another.</summary>
    public static IEnumerable<ScheduleDefinition> Definitions()
    {
        yield return new(TaskQueueKey, ScheduleTabs.Cleanup, "Task queue history",
            "Deletes completed, failed and duplicate tasks, and the record of schedule runs, older than the task queue period of the General settings. A service's failed module action stays for Retry.", "0 2 * * *", true,
            (sp, ct) => sp.GetRequiredService<RetentionCleanup>().TaskQueueAsync(ct));
        yield return new(ModuleLogKey, ScheduleTabs.Cleanup, "Module log",
            "Deletes Module Log entries older than the module log period.", "10 2 * * *", true,
            (sp, ct) => sp.GetRequiredService<RetentionCleanup>().ModuleLogAsync(ct));
        yield return new(SessionsKey, ScheduleTabs.Cleanup, "Admin and client sessions",
            "Deletes recorded admin and client requests older than their session periods.", "20 2 * * *", true,
            (sp, ct) => sp.GetRequiredService<RetentionCleanup>().SessionsAsync(ct));
        yield return new(ActivityLogKey, ScheduleTabs.Cleanup, "Activity log",
            "Deletes activity log entries, sign-in attempts and used or expired password reset links older than the activity log period.", "30 2 * * *", true,
            (sp, ct) => sp.GetRequiredService<RetentionCleanup>().ActivityLogAsync(ct));
    }

    public async Task<CleanupResult> TaskQueueAsync(CancellationToken cancellationToken)
    {
        var cutoff = await CutoffAsync(s => s.TaskQueueDays, cancellationToken);
        // Only finished tasks: queued and processing ones are work still to do, however old. A service's module lane whose
        // last task failed keeps its tasks too: they are what Retry reads (ServiceSteps.RetryableActionAsync), and once gone
        // a terminate that failed in a provider's outage could never be sent again while the server ran on unbilled.
        return await DeleteAsync(db => db.QueuedTasks.Where(t =>
            (t.Status == QueuedTaskStatus.Completed || t.Status == QueuedTaskStatus.Failed || t.Status == QueuedTaskStatus.Duplicate)
            && (t.FinishedAt ?? t.CreatedAt) < cutoff
            && !(t.Lane != null && t.Lane.StartsWith(ServiceSteps.ModuleLanePrefix)
                 && db.QueuedTasks.Where(o => o.Lane == t.Lane).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
                     .Select(o => o.Status).FirstOrDefault() == QueuedTaskStatus.Failed)), cancellationToken)
            // About a thousand runs a day with the default crons; a card shows the last one, kept on the schedule's record.
            + await DeleteAsync(db => db.ScheduleRuns.Where(r => r.StartedAt < cutoff), cancellationToken);
    }

    public async Task<CleanupResult> ModuleLogAsync(CancellationToken cancellationToken)
    {
        var cutoff = await CutoffAsync(s => s.ModuleLogDays, cancellationToken);
        return await DeleteAsync(db => db.ModuleLog.Where(e => e.At < cutoff), cancellationToken);
    }

    public async Task<CleanupResult> SessionsAsync(CancellationToken cancellationToken)
    {
        var admin = await CutoffAsync(s => s.AdminSessionDays, cancellationToken);
        var client = await CutoffAsync(s => s.ClientSessionDays, cancellationToken);
        return await DeleteAsync(db => db.RequestLog.Where(e => e.ActorKind == ActorKind.Staff && e.At < admin), cancellationToken)
            + await DeleteAsync(db => db.RequestLog.Where(e => e.ActorKind == ActorKind.ClientUser && e.At < client), cancellationToken);
    }

    public async Task<CleanupResult> ActivityLogAsync(CancellationToken cancellationToken)
    {
        var cutoff = await CutoffAsync(s => s.ActivityLogDays, cancellationToken);
        return await DeleteAsync(db => db.ActivityLog.Where(e => e.At < cutoff), cancellationToken)
            + await DeleteAsync(db => db.SignInAttempts.Where(e => e.At < cutoff), cancellationToken)
            // A link still valid stays, whatever its age; a used or expired one goes once older than the period.
            + await DeleteAsync(db => db.PasswordResetTokens.Where(t => t.CreatedAt < cutoff && (t.UsedAt != null || t.ExpiresAt < cutoff)), cancellationToken);
    }

    private async Task<DateTime> CutoffAsync(Func<RetentionSettings, int> days, CancellationToken cancellationToken)
    {
        var retention = (await settings.LoadAsync(cancellationToken)).TimeBased;
        return clock.GetUtcNow().UtcDateTime.AddDays(-Math.Max(0, days(retention)));
    }

    private async Task<CleanupResult> DeleteAsync<T>(Func<AppDbContext, IQueryable<T>> rows, CancellationToken cancellationToken) where T : Entity
    {
        var batchSize = Math.Max(1, options.Value.CleanupBatchSize);
        var deleted = 0;
        var batches = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var ids = await rows(db).OrderBy(e => e.Id).Select(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0) break;
            deleted += await db.Set<T>().Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
            batches++;
            if (ids.Count < batchSize) break;
        }
        return new CleanupResult(deleted, batches);
    }
}
