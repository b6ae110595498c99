using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Features.Platform;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Engine.Tasks;

/// <summary>
/// This node's worker pool. Each loop claims one task at a time with a conditional update (only the
/// update that still finds the row Queued wins), so a task never runs twice even when several nodes share
/// the database; a lease, renewed while the handler runs, lets the sweep re-queue tasks of dead nodes.
/// On shutdown the loops stop claiming and the running handlers finish within the host's shutdown timeout.
/// </summary>
public sealed class TaskWorkerService(
    DatabaseOptions database,
    IServiceScopeFactory scopes,
    IOptions<TaskQueueOptions> options,
    NodeIdentity node,
    TimeProvider clock,
    ILiveEvents live,
    TaskSignal signal,
    AppReadiness readiness,
    ILogger<TaskWorkerService> logger) : BackgroundService
{
    public const int MaxErrorLength = 4000;

    private TaskQueueOptions Options => options.Value;
    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(3, Options.LeaseSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The database initializer migrates first; a node whose migration failed runs no tasks.
        while (!readiness.DatabaseReady) await Task.Delay(200, stoppingToken);
        await SweepSafelyAsync(stoppingToken);
        var workers = Enumerable.Range(0, Math.Max(1, Options.Workers)).Select(_ => Task.Run(() => WorkLoopAsync(stoppingToken), CancellationToken.None));
        await Task.WhenAll(workers.Append(SweepLoopAsync(stoppingToken)));
    }

    private async Task WorkLoopAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(Math.Max(10, Options.PollMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            QueuedTask? task = null;
            try
            {
                task = await ClaimAsync(stoppingToken);
                // A running handler is not cancelled by shutdown: the host waits for it (up to its shutdown timeout).
                if (task is not null) await RunAsync(task, CancellationToken.None);
                else await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A lost database connection must not end the loop; the lease brings a half-done task back.
                logger.LogError(ex, "The task worker failed{Task}; it goes on after a pause", task is null ? "" : $" on task {task.Id}");
                try { await Task.Delay(poll, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>
    /// A task of a lane is not taken while an older one of the lane is queued (waiting out a retry's backoff too) or
    /// processing. Checked in the claim's conditional update as well, so two workers never run two tasks of one lane at once.
    /// </summary>
    private static System.Linq.Expressions.Expression<Func<QueuedTask, bool>> NotWaitingForAnOlderOne(AppDbContext db) =>
        t => t.Lane == null || !db.QueuedTasks.Any(o => o.Lane == t.Lane && o.CreatedAt < t.CreatedAt
                                                             && (o.Status == QueuedTaskStatus.Queued || o.Status == QueuedTaskStatus.Processing));

    /// <summary>Takes the oldest available task: the first candidate whose conditional update changes exactly one row.</summary>
    internal async Task<QueuedTask?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreatePlainContext();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.QueuedTasks.AsNoTracking()
            .Where(t => t.Status == QueuedTaskStatus.Queued && t.AvailableAt <= now)
            .Where(NotWaitingForAnOlderOne(db))
            .OrderBy(t => t.AvailableAt).ThenBy(t => t.Id)
            .Select(t => t.Id)
            .Take(Math.Max(1, Options.Workers) * 2)
            .ToListAsync(cancellationToken);
        // Workers start from different places in the list so that they do not all race for the same row.
        var offset = candidates.Count == 0 ? 0 : Random.Shared.Next(Math.Min(candidates.Count, Math.Max(1, Options.Workers)));
        for (var i = 0; i < candidates.Count; i++)
        {
            var id = candidates[(i + offset) % candidates.Count];
            var leaseUntil = now + Lease;
            // Re-check availability in the update itself: the candidate list may be stale, and a task that
            // failed meanwhile is Queued again but must wait out its backoff.
            var won = await db.QueuedTasks
                .Where(t => t.Id == id && t.Status == QueuedTaskStatus.Queued && t.AvailableAt <= now)
                .Where(NotWaitingForAnOlderOne(db))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, QueuedTaskStatus.Processing)
                    .SetProperty(t => t.LockedBy, node.Name)
                    .SetProperty(t => t.LockedUntil, leaseUntil)
                    .SetProperty(t => t.StartedAt, now)
                    .SetProperty(t => t.Tries, t => t.Tries + 1), cancellationToken);
            if (won != 1) continue;
            await PublishAsync(id);
            return await db.QueuedTasks.AsNoTracking().FirstAsync(t => t.Id == id, cancellationToken);
        }
        return null;
    }

    private async Task RunAsync(QueuedTask task, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, task.TimeoutSeconds));
        using var renewal = new CancellationTokenSource();
        // Cancels the try once its lease is lost: the sweep may hand the task to another try, which must not run beside it.
        using var leaseLost = new CancellationTokenSource();
        var renewing = RenewLeaseAsync(task, leaseLost, renewal.Token);
        string? output = null;
        string? error = null;
        var watch = Stopwatch.StartNew();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ActorContext>().RunAsSystem("Task " + task.Name);
            var handler = await TaskHandlers.FindAsync(scope.ServiceProvider, task.Name, cancellationToken);
            if (handler is null)
            {
                error = $"No handler is registered for the task \"{task.Name}\".";
                await FinishAsync(task, output: null, error, retry: false, cancellationToken);
                return;
            }
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(leaseLost.Token);
            timeoutSource.CancelAfter(timeout);
            var execution = new TaskExecution(task.Id, task.Queue, task.Name, task.InputJson, task.Tries, TaskQueue.SplitTags(task.Tags));
            var running = Task.Run(() => handler.HandleAsync(execution, timeoutSource.Token), CancellationToken.None);
            try
            {
                // WaitAsync also ends the wait for a handler that ignores its token.
                output = await running.WaitAsync(timeout, CancellationToken.None);
            }
            catch (Exception ex) when (ex is TimeoutException || ex is OperationCanceledException && timeoutSource.IsCancellationRequested)
            {
                error = leaseLost.IsCancellationRequested
                    ? "The try was cancelled: its lease could not be renewed, so the task may be run by another try."
                    : $"The try timed out after {timeout.TotalSeconds:0} s.";
                await timeoutSource.CancelAsync();
                await EndOfOverrunAsync(task, running);
            }
            catch (Exception ex)
            {
                // The exception's message only: stack traces and inner data stay in this node's log.
                error = string.IsNullOrWhiteSpace(ex.Message) ? ex.GetType().Name : ex.Message;
                logger.LogWarning(ex, "Task {TaskId} ({Name}) failed try {Try} of {MaxTries}", task.Id, task.Name, task.Tries, task.MaxTries);
            }
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }
        logger.LogDebug("Task {TaskId} ({Name}) ran for {Elapsed} ms", task.Id, task.Name, watch.ElapsedMilliseconds);
        await FinishAsync(task, output, error, retry: error is not null, cancellationToken);
    }

    /// <summary>
    /// A try that outlived its timeout has been cancelled; the task stays Processing (its lease renewed) until the
    /// handler has really ended, so that a retry never runs beside it (a provisioning call must not run twice at once).
    /// </summary>
    private async Task EndOfOverrunAsync(QueuedTask task, Task<string?> running)
    {
        try
        {
            await running.WaitAsync(OverrunWarningAfter, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Task {TaskId} ({Name}) still runs after its timeout and cancellation; its retry waits until it ends", task.Id, task.Name);
            try { await running; } catch (Exception ex) when (ex is not OutOfMemoryException) { /* the try has already failed with its timeout */ }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The handler ended by throwing (usually its cancellation): the try has already failed with its timeout.
        }
    }

    private static readonly TimeSpan OverrunWarningAfter = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The task's row while this try holds it: this node's claim of this try. A try whose lease was swept and claimed again
    /// (by this node too) neither renews nor finishes the newer try's claim.
    /// </summary>
    private IQueryable<QueuedTask> HeldBy(AppDbContext db, QueuedTask task) =>
        db.QueuedTasks.Where(t => t.Id == task.Id && t.Status == QueuedTaskStatus.Processing && t.LockedBy == node.Name && t.Tries == task.Tries);

    /// <summary>
    /// Completed, back to Queued after a backoff, or Failed — only while this try still holds the task. A database blip is
    /// tried again a few times: a try left Processing would be swept and run again once its lease ran out.
    /// </summary>
    private async Task FinishAsync(QueuedTask task, string? output, string? error, bool retry, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await FinishOnceAsync(task, output, error, retry, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 3 && ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not record the end of task {TaskId}'s try {Try}; trying again", task.Id, task.Tries);
                await Task.Delay(TimeSpan.FromSeconds(attempt), clock, cancellationToken);
            }
        }
    }

    private async Task FinishOnceAsync(QueuedTask task, string? output, string? error, bool retry, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = database.CreatePlainContext();
        var mine = HeldBy(db, task);
        int changed;
        if (error is null)
        {
            changed = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, QueuedTaskStatus.Completed)
                .SetProperty(t => t.OutputJson, output)
                .SetProperty(t => t.Error, (string?)null)
                .SetProperty(t => t.FinishedAt, now)
                .SetProperty(t => t.LockedBy, (string?)null)
                .SetProperty(t => t.LockedUntil, (DateTime?)null), cancellationToken);
        }
        else
        {
            var message = Truncate(error);
            if (retry && task.Tries < task.MaxTries)
            {
                var availableAt = now + Backoff(task.BackoffSeconds, task.Tries);
                changed = await mine.ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, QueuedTaskStatus.Queued)
                    .SetProperty(t => t.Error, message)
                    .SetProperty(t => t.AvailableAt, availableAt)
                    .SetProperty(t => t.LockedBy, (string?)null)
                    .SetProperty(t => t.LockedUntil, (DateTime?)null), cancellationToken);
            }
            else
            {
                changed = await mine.ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, QueuedTaskStatus.Failed)
                    .SetProperty(t => t.Error, message)
                    .SetProperty(t => t.FinishedAt, now)
                    .SetProperty(t => t.LockedBy, (string?)null)
                    .SetProperty(t => t.LockedUntil, (DateTime?)null), cancellationToken);
            }
        }
        if (changed == 0)
            logger.LogWarning("Task {TaskId} was no longer held by try {Try} of {Node} when the try ended; its result was dropped", task.Id, task.Tries, node.Name);
        await PublishAsync(task.Id);
    }

    /// <summary>The wait before try n+1: BackoffSeconds · 2^(n−1).</summary>
    public static TimeSpan Backoff(int backoffSeconds, int triesSoFar) =>
        TimeSpan.FromSeconds(Math.Max(0, backoffSeconds) * Math.Pow(2, Math.Clamp(triesSoFar - 1, 0, 20)));

    /// <summary>
    /// Keeps the try's lease while it runs, every third of the lease. A renewal that fails (a database blip) is tried again at
    /// the next tick; when the lease is lost (swept as abandoned) or about to run out unrenewed, the try is cancelled through
    /// <paramref name="leaseLost"/>, since the sweep may give the task to another try.
    /// </summary>
    private async Task RenewLeaseAsync(QueuedTask task, CancellationTokenSource leaseLost, CancellationToken cancellationToken)
    {
        var every = Lease / 3;
        var renewedAt = clock.GetUtcNow();
        while (true)
        {
            try
            {
                await Task.Delay(every, clock, cancellationToken);
                var until = clock.GetUtcNow().UtcDateTime + Lease;
                await using var db = database.CreatePlainContext();
                if (await HeldBy(db, task).ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedUntil, until), cancellationToken) == 1)
                {
                    renewedAt = clock.GetUtcNow();
                    continue;
                }
                logger.LogWarning("Task {TaskId} lost the lease of try {Try} (it was swept as abandoned); the try is cancelled", task.Id, task.Tries);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (clock.GetUtcNow() - renewedAt + every < Lease)
                {
                    logger.LogWarning(ex, "Could not renew the lease of task {TaskId}; trying again", task.Id);
                    continue;
                }
                logger.LogError(ex, "Could not renew the lease of task {TaskId} before it runs out; the try is cancelled", task.Id);
            }
            await leaseLost.CancelAsync();
            return;
        }
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, Options.SweepSeconds));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(every, clock, stoppingToken);
                await SweepSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SweepAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The sweep of abandoned tasks failed");
        }
    }

    /// <summary>Processing tasks whose lease ran out: their node stopped renewing, so it died. Re-queued while tries remain.</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = database.CreatePlainContext();
        var abandoned = await db.QueuedTasks.AsNoTracking()
            .Where(t => t.Status == QueuedTaskStatus.Processing && t.LockedUntil < now)
            .Select(t => new { t.Id, t.LockedBy, t.Tries, t.MaxTries })
            .ToListAsync(cancellationToken);
        var recovered = 0;
        foreach (var task in abandoned)
        {
            var error = Truncate($"The node \"{task.LockedBy ?? "?"}\" stopped while running this task (its lease expired).");
            var row = db.QueuedTasks.Where(t => t.Id == task.Id && t.Status == QueuedTaskStatus.Processing && t.LockedUntil < now);
            var changed = task.Tries < task.MaxTries
                ? await row.ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, QueuedTaskStatus.Queued)
                    .SetProperty(t => t.Error, error)
                    .SetProperty(t => t.AvailableAt, now)
                    .SetProperty(t => t.LockedBy, (string?)null)
                    .SetProperty(t => t.LockedUntil, (DateTime?)null), cancellationToken)
                : await row.ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, QueuedTaskStatus.Failed)
                    .SetProperty(t => t.Error, error)
                    .SetProperty(t => t.FinishedAt, now)
                    .SetProperty(t => t.LockedBy, (string?)null)
                    .SetProperty(t => t.LockedUntil, (DateTime?)null), cancellationToken);
            if (changed != 1) continue;
            recovered++;
            logger.LogWarning("Task {TaskId} of node {Node} was abandoned; {Outcome}", task.Id, task.LockedBy, task.Tries < task.MaxTries ? "queued again" : "failed");
            await PublishAsync(task.Id);
        }
        if (recovered > 0) signal.Notify(recovered);
        return recovered;
    }

    private Task PublishAsync(Guid id) =>
        live.PublishAsync(new LiveEvent(EngineTopics.Tasks, id.ToString(), clock.GetUtcNow().UtcDateTime));

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}

/// <summary>Task handlers by name: the ones registered in DI, then those of every <see cref="ITaskHandlerSource"/>.</summary>
public static class TaskHandlers
{
    public static async Task<ITaskHandler?> FindAsync(IServiceProvider services, string name, CancellationToken cancellationToken) =>
        (await AllAsync(services, cancellationToken)).FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal));

    public static async Task<IReadOnlyList<ITaskHandler>> AllAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var handlers = services.GetServices<ITaskHandler>().ToList();
        foreach (var source in services.GetServices<ITaskHandlerSource>()) handlers.AddRange(await source.HandlersAsync(services, cancellationToken));
        return handlers;
    }
}
