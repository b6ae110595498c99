using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Modules.Abstractions;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The backoff between tries on a test clock: a failed try puts the task back with AvailableAt = failure + Backoff · 2^(tries−1),
/// and no worker can claim it a moment earlier (asked directly, not by waiting and hoping).
/// </summary>
public sealed class TaskBackoffTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TaskProbe _probe = new();
    private PuqAppFactory _app = default!;

    public async Task InitializeAsync() => _app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, services: services =>
    {
        TestTaskHandlers.Register(_probe)(services);
        services.AddSingleton<TimeProvider>(_clock);
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_failed_task_waits_out_its_growing_backoff_on_the_clock_and_not_a_moment_less()
    {
        var worker = _app.Services.GetServices<IHostedService>().OfType<TaskWorkerService>().Single();
        var id = await _app.Services.GetRequiredService<ITaskQueue>().EnqueueAsync(
            new TaskRequest("default", TestTaskHandlers.Flaky, MaxTries: 3, Backoff: TimeSpan.FromSeconds(10)));

        // Try 1 fails at once (the clock stands still): back to Queued for 10 s.
        var afterFirst = await WaitForTriesAsync(id, 1);
        afterFirst.AvailableAt.Should().Be(_clock.GetUtcNow().UtcDateTime.AddSeconds(10));
        _clock.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        (await worker.ClaimAsync(CancellationToken.None)).Should().BeNull("one millisecond of the backoff is left");
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        // Try 2 fails: twice the backoff.
        var afterSecond = await WaitForTriesAsync(id, 2);
        afterSecond.AvailableAt.Should().Be(_clock.GetUtcNow().UtcDateTime.AddSeconds(20));
        _clock.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromMilliseconds(1));
        (await worker.ClaimAsync(CancellationToken.None)).Should().BeNull("one millisecond of the doubled backoff is left");
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        var done = await _app.WaitForAsync(id, null, QueuedTaskStatus.Completed, QueuedTaskStatus.Failed);
        done.Status.Should().Be(QueuedTaskStatus.Completed);
        done.Tries.Should().Be(3);
        _probe.TriesOf(id).Select(t => t.Try).Should().Equal(1, 2, 3);
    }

    /// <summary>The task once its try number <paramref name="tries"/> has failed and it is queued again.</summary>
    private async Task<QueuedTask> WaitForTriesAsync(Guid id, int tries)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var db = _app.CreateDbContext())
            {
                var task = await db.QueuedTasks.AsNoTracking().FirstAsync(t => t.Id == id);
                if (task.Tries == tries && task.Status == QueuedTaskStatus.Queued) return task;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Task {id} is {task.Status} after {task.Tries} tries, not queued after {tries}.");
            }
            await Task.Delay(50);
        }
    }
}
