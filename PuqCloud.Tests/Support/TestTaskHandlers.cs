using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Tests.Support;

/// <summary>What the test task handlers saw: every try of every task, with when it started and ended (thread-safe).</summary>
public sealed class TaskProbe
{
    public sealed record TryRecord(Guid TaskId, string Name, int Try, string Node, DateTime StartedAt, DateTime EndedAt);

    private readonly ConcurrentQueue<TryRecord> _tries = new();

    public void Record(TryRecord record) => _tries.Enqueue(record);

    public IReadOnlyList<TryRecord> TriesOf(Guid taskId) => _tries.Where(t => t.TaskId == taskId).OrderBy(t => t.Try).ToList();

    public IReadOnlyList<TryRecord> All => _tries.ToList();
}

/// <summary>
/// Task handlers for the tests: "test.count" answers {"ran":true}; "test.flaky" fails its first two tries;
/// "test.sleep" waits input.ms milliseconds (honouring cancellation); "test.fail" always fails;
/// "test.stubborn" waits input.ms milliseconds and ignores cancellation, as a badly written module would.
/// </summary>
public static class TestTaskHandlers
{
    public const string Count = "test.count";
    public const string Flaky = "test.flaky";
    public const string Sleep = "test.sleep";
    public const string Fail = "test.fail";
    public const string Stubborn = "test.stubborn";

    /// <summary>Registers the handlers, reporting to <paramref name="probe"/> under this app's <paramref name="node"/> name.</summary>
    public static Action<IServiceCollection> Register(TaskProbe probe, string node = "test-node") => services =>
    {
        services.AddSingleton<ITaskHandler>(new Handler(Count, probe, node, (_, _) => Task.FromResult<string?>("{\"ran\":true}")));
        services.AddSingleton<ITaskHandler>(new Handler(Flaky, probe, node, (task, _) =>
            task.Try < 3 ? throw new InvalidOperationException($"Flaky failure on try {task.Try}.") : Task.FromResult<string?>($"{{\"succeededOnTry\":{task.Try}}}")));
        services.AddSingleton<ITaskHandler>(new Handler(Sleep, probe, node, async (task, ct) =>
        {
            var ms = task.InputJson is null ? 1000 : JsonDocument.Parse(task.InputJson).RootElement.GetProperty("ms").GetInt32();
            await Task.Delay(ms, ct);
            return $"{{\"slept\":{ms}}}";
        }));
        services.AddSingleton<ITaskHandler>(new Handler(Stubborn, probe, node, async (task, _) =>
        {
            await Task.Delay(JsonDocument.Parse(task.InputJson!).RootElement.GetProperty("ms").GetInt32(), CancellationToken.None);
            return "{\"stubborn\":true}";
        }));
        services.AddSingleton<ITaskHandler>(new Handler(Fail, probe, node, (_, _) => throw new InvalidOperationException("The test handler always fails.")));
    };

    private sealed class Handler(string name, TaskProbe probe, string node, Func<TaskExecution, CancellationToken, Task<string?>> work) : ITaskHandler
    {
        public string Name => name;

        public async Task<string?> HandleAsync(TaskExecution task, CancellationToken cancellationToken)
        {
            var started = DateTime.UtcNow;
            try
            {
                return await work(task, cancellationToken);
            }
            finally
            {
                probe.Record(new TaskProbe.TryRecord(task.TaskId, name, task.Try, node, started, DateTime.UtcNow));
            }
        }
    }

    /// <summary>Waits until the task reaches one of <paramref name="statuses"/> and answers its row.</summary>
    public static async Task<QueuedTask> WaitForAsync(this PuqAppFactory app, Guid id, TimeSpan? within = null, params QueuedTaskStatus[] statuses)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            await using (var db = app.CreateDbContext())
            {
                var task = await db.QueuedTasks.AsNoTracking().FirstAsync(t => t.Id == id);
                if (statuses.Contains(task.Status)) return task;
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Task {id} is {task.Status} (tries {task.Tries}, error {task.Error}), not {string.Join(" or ", statuses)}.");
            }
            await Task.Delay(100);
        }
    }
}
