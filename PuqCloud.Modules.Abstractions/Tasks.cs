namespace PuqCloud.Modules.Abstractions;

/// <summary>
/// Work to run in the background, persistently: retried with backoff, timed out, and never run twice at once.
/// A task with the same <see cref="DedupeKey"/> as a pending one is recorded as a duplicate and not run. Tasks with the
/// same <see cref="Lane"/> run one at a time in the order they were queued: one waits while an older one is queued
/// (its retries included) or running, e.g. a service's module actions, so that a terminate never overtakes its create.
/// </summary>
public sealed record TaskRequest(
    string Queue,
    string Name,
    string? InputJson = null,
    string? DedupeKey = null,
    IReadOnlyList<string>? Tags = null,
    int MaxTries = 3,
    TimeSpan? Timeout = null,
    TimeSpan? Backoff = null,
    string? Lane = null);

/// <summary>The host's persistent task queue.</summary>
public interface ITaskQueue
{
    /// <summary>Adds a task; answers its id (the id of the duplicate record when a pending task has the same dedupe key).</summary>
    Task<Guid> EnqueueAsync(TaskRequest request, CancellationToken cancellationToken = default);
}

/// <summary>One run of a task, as its handler sees it.</summary>
public sealed record TaskExecution(Guid TaskId, string Queue, string Name, string? InputJson, int Try, IReadOnlyList<string> Tags);

/// <summary>
/// Does the work of tasks of one <see cref="Name"/>. Returns the output JSON (or null); an exception fails
/// this try, and the queue retries while tries remain. Input and output must never carry secrets.
/// </summary>
public interface ITaskHandler
{
    string Name { get; }
    Task<string?> HandleAsync(TaskExecution task, CancellationToken cancellationToken);
}
