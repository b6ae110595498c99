using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Engine.Tasks;

/// <summary>
/// The persistent task queue: a row per task in QueuedTasks. Tasks are infrastructure, not staff changes, so
/// their rows are written through plain contexts (no activity audit); input and output never carry secrets.
/// </summary>
public sealed class TaskQueue(DatabaseOptions database, TimeProvider clock, ILiveEvents live, TaskSignal signal) : ITaskQueue
{
    public const int DefaultBackoffSeconds = 10;
    public const int DefaultTimeoutSeconds = 300;

    public async Task<Guid> EnqueueAsync(TaskRequest request, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var task = NewRow(request, now);

        await using (var db = database.CreatePlainContext())
        {
            if (task.DedupeKey is { } key && await HasPendingAsync(db, key, cancellationToken)) MarkDuplicate(task, now);
            db.QueuedTasks.Add(task);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (task.DedupeKey is not null && task.Status == QueuedTaskStatus.Queued)
            {
                // Another enqueue with the same key won the unique index between our check and our insert.
                if (!await HasPendingAsync(db, task.DedupeKey, cancellationToken)) throw;
                MarkDuplicate(task, now);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        if (task.Status == QueuedTaskStatus.Queued) signal.Notify();
        await live.PublishAsync(new LiveEvent(EngineTopics.Tasks, task.Id.ToString(), now), cancellationToken);
        return task.Id;
    }

    /// <summary>
    /// The row of a new task. Code that must queue work in the same transaction as its change adds the row to its
    /// own context (without a dedupe key) and wakes the workers with <see cref="TaskSignal.Notify"/> after committing.
    /// </summary>
    public static QueuedTask NewRow(TaskRequest request, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        return new QueuedTask
        {
            Queue = string.IsNullOrWhiteSpace(request.Queue) ? "default" : request.Queue.Trim(),
            Name = request.Name.Trim(),
            InputJson = request.InputJson,
            DedupeKey = string.IsNullOrWhiteSpace(request.DedupeKey) ? null : request.DedupeKey.Trim(),
            Lane = string.IsNullOrWhiteSpace(request.Lane) ? null : request.Lane.Trim(),
            Tags = JoinTags(request.Tags),
            MaxTries = Math.Max(1, request.MaxTries),
            BackoffSeconds = request.Backoff is { } backoff ? Math.Max(0, (int)Math.Ceiling(backoff.TotalSeconds)) : DefaultBackoffSeconds,
            TimeoutSeconds = request.Timeout is { } timeout ? Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)) : DefaultTimeoutSeconds,
            CreatedAt = now,
            AvailableAt = now,
        };
    }

    private static Task<bool> HasPendingAsync(AppDbContext db, string key, CancellationToken cancellationToken) =>
        db.QueuedTasks.AnyAsync(t => t.DedupeKey == key && (t.Status == QueuedTaskStatus.Queued || t.Status == QueuedTaskStatus.Processing), cancellationToken);

    private static void MarkDuplicate(QueuedTask task, DateTime now)
    {
        task.Status = QueuedTaskStatus.Duplicate;
        task.FinishedAt = now;
    }

    /// <summary>Tags are stored space-separated, so a tag itself cannot hold spaces.</summary>
    public static string? JoinTags(IReadOnlyList<string>? tags)
    {
        if (tags is null) return null;
        var cleaned = tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim().Replace(' ', '_')).Distinct().ToList();
        return cleaned.Count == 0 ? null : string.Join(' ', cleaned);
    }

    public static IReadOnlyList<string> SplitTags(string? tags) =>
        string.IsNullOrWhiteSpace(tags) ? [] : tags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
