using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Features.Platform;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Engine.Scheduling;

public static class ScheduleOutcomes
{
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}

/// <summary>What one run of a schedule came to.</summary>
public sealed record ScheduleRunResult(Guid RunId, string Key, DateTime StartedAt, DateTime FinishedAt, string Outcome, string? Error, string Node);

/// <summary>
/// Runs a schedule's work in a scope of its own as the system and records the run (ScheduleRuns, and
/// the last run on the schedule's record); open pages hear of it on <see cref="EngineTopics.Schedules"/>.
/// Cron fires and "Run now" both come here.
/// </summary>
public sealed class ScheduleRunner(IServiceScopeFactory scopes, DatabaseOptions database, NodeIdentity node, TimeProvider clock, ILiveEvents live, ILogger<ScheduleRunner> logger)
{
    // Runs in progress on this node, so that "Run now" does not start a second copy of a running schedule.
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    public bool IsRunningHere(string key) => _running.ContainsKey(key);

    /// <summary>Runs <paramref name="key"/> unless it is already running on this node (then null).</summary>
    public async Task<ScheduleRunResult?> RunAsync(string key, CancellationToken cancellationToken)
    {
        if (!_running.TryAdd(key, 0)) return null;
        try
        {
            return await RunOnceAsync(key, cancellationToken);
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }

    private async Task<ScheduleRunResult> RunOnceAsync(string key, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var run = new ScheduleRun { ScheduleKey = key, StartedAt = started, Outcome = ScheduleOutcomes.Running, Node = node.Name };
        await using (var db = CreateContext())
        {
            db.ScheduleRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        string? error = null;
        var cancelled = false;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorContext>().RunAsSystem("schedule:" + key);
            try
            {
                var definition = await scope.ServiceProvider.GetRequiredService<ScheduleRegistry>().FindAsync(key, cancellationToken)
                    ?? throw new InvalidOperationException($"No schedule is defined with the key {key}.");
                await definition.RunAsync(scope.ServiceProvider, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Its steps commit one by one, so nothing is half-written; but the run did not end, and says so.
                cancelled = true;
                error = "The run was cancelled before it ended (the host was stopping, or whoever started it went away).";
                logger.LogWarning("Schedule {Schedule} was cancelled before it ended", key);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Schedule {Schedule} failed", key);
                error = TextCut.Cut(ex.Message, 4000);
            }
        }

        var finished = clock.GetUtcNow().UtcDateTime;
        var outcome = error is null ? ScheduleOutcomes.Succeeded : ScheduleOutcomes.Failed;
        // Recorded even when the host is stopping: a run that happened must not stay "Running".
        await using (var db = CreateContext())
        {
            await db.ScheduleRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.FinishedAt, finished).SetProperty(r => r.Outcome, outcome).SetProperty(r => r.Error, error), CancellationToken.None);
            await db.Schedules.Where(s => s.Key == key && (s.LastRunAt == null || s.LastRunAt <= started)).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.LastRunAt, started).SetProperty(r => r.LastOutcome, outcome).SetProperty(r => r.LastError, error), CancellationToken.None);
        }
        await live.PublishAsync(new LiveEvent(EngineTopics.Schedules, key, finished), CancellationToken.None);
        if (cancelled) throw new OperationCanceledException(cancellationToken);
        return new ScheduleRunResult(run.Id, key, started, finished, outcome, error, node.Name);
    }

    // A plain context: run bookkeeping is not an audited change of anybody's.
    private AppDbContext CreateContext() => database.CreatePlainContext();
}
