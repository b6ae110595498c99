using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Modules.Abstractions;
using PuqCloud.Tests.Support;

namespace PuqCloud.Bench;

/// <summary>
/// (a) How many no-op tasks per second the worker pool completes (SQLite, and PostgreSQL when PUQ_TEST_POSTGRES
/// is set); (b) how long after a handler ends its task shows as Completed on an open Task Queue page.
/// </summary>
public static class TaskQueueBenchmark
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Node:Name"] = "bench-node" };

    /// <summary>The figures; the apps' console log is silenced so that only they are printed (the log files still get it).</summary>
    private static TextWriter Report = Console.Out;

    public static async Task RunAsync(string[] args)
    {
        var tasks = BenchmarkSupport.Int(args, "--tasks", 5000);
        var samples = BenchmarkSupport.Int(args, "--samples", 20);
        Report = Console.Out;
        Console.SetOut(TextWriter.Null);
        Report.WriteLine($"Task queue benchmark ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");

        await BenchmarkSupport.OnEachDatabaseAsync(Report, database => ThroughputAsync(database, tasks));

        await PageLatencyAsync(samples);
    }

    /// <summary>
    /// Stores the tasks with a far-off AvailableAt, releases them all with one update, wakes the workers, and
    /// times until the last one is Completed — so the figure is the pool's, not the enqueuing's.
    /// </summary>
    private static async Task ThroughputAsync(TestDatabase database, int count)
    {
        var probe = new TaskProbe();
        await using var app = await PuqAppFactory.StartAsync(database, settings: Settings, services: TestTaskHandlers.Register(probe, "bench-node"));
        var workers = app.Services.GetRequiredService<IOptions<TaskQueueOptions>>().Value.Workers;
        var later = DateTime.UtcNow.AddDays(1);
        await using (var db = app.CreateDbContext())
        {
            for (var i = 0; i < count; i++)
                db.QueuedTasks.Add(new QueuedTask { Queue = "bench", Name = TestTaskHandlers.Count, CreatedAt = DateTime.UtcNow, AvailableAt = later, Tags = "throughput" });
            await db.SaveChangesAsync();
        }

        var watch = Stopwatch.StartNew();
        await using (var db = app.CreateDbContext())
        {
            var now = DateTime.UtcNow;
            await db.QueuedTasks.Where(t => t.Queue == "bench").ExecuteUpdateAsync(s => s.SetProperty(t => t.AvailableAt, now));
        }
        app.Services.GetRequiredService<TaskSignal>().Notify(workers);
        int completed;
        while (true)
        {
            await using var db = app.CreateDbContext();
            completed = await db.QueuedTasks.CountAsync(t => t.Queue == "bench" && t.Status == QueuedTaskStatus.Completed);
            if (completed == count || watch.Elapsed > TimeSpan.FromMinutes(10)) break;
            await Task.Delay(50);
        }
        watch.Stop();
        var runsPerTask = probe.All.GroupBy(r => r.TaskId).Max(g => g.Count());
        Report.WriteLine($"  Throughput on {database}: {completed} no-op tasks in {watch.Elapsed.TotalSeconds:0.00} s = {completed / watch.Elapsed.TotalSeconds:0} tasks/s " +
            $"({workers} workers; most runs of one task: {runsPerTask})");
    }

    /// <summary>One no-op task at a time; a MutationObserver in the page notes when its row first shows Completed.</summary>
    private static async Task PageLatencyAsync(int samples)
    {
        var probe = new TaskProbe();
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, kestrel: true, settings: Settings, services: TestTaskHandlers.Register(probe, "bench-node"));
        var executable = Environment.GetEnvironmentVariable("PUQ_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium-headless-shell";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ServerAddress.ToString().TrimEnd('/'), ViewportSize = new ViewportSize { Width = 1360, Height = 860 },
        });
        var page = await context.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await page.GotoAsync("/admin/monitoring/tasks");
        await page.GetByTestId("tasks-grid").WaitForAsync();
        // Let the circuit start and subscribe before the first sample.
        await page.WaitForTimeoutAsync(1500);
        await page.EvaluateAsync("""
            () => {
                window.__seen = {};
                const check = () => document.querySelectorAll('[data-testid=tasks-grid] tr').forEach(tr => {
                    const status = tr.querySelector('[data-testid=task-status]');
                    if (!status || status.dataset.status !== 'Completed') return;
                    tr.querySelectorAll('code.puq-tag').forEach(c => {
                        const tag = c.textContent.trim();
                        if (tag.startsWith('bench-') && !(tag in window.__seen)) window.__seen[tag] = Date.now();
                    });
                });
                new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            }
            """);

        var queue = app.Services.GetRequiredService<ITaskQueue>();
        var latencies = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var tag = $"bench-{i}";
            var id = await queue.EnqueueAsync(new TaskRequest("bench", TestTaskHandlers.Count, Tags: [tag]));
            var seenAt = await page.WaitForFunctionAsync($"() => window.__seen['{tag}']", null, new() { Timeout = 30_000 });
            var seenMs = await seenAt.JsonValueAsync<double>();
            var ended = probe.TriesOf(id).Single().EndedAt;
            latencies.Add(seenMs - (ended - DateTime.UnixEpoch).TotalMilliseconds);
            await Task.Delay(200);
        }
        latencies.Sort();
        Report.WriteLine($"  Handler end → Completed on the open Task Queue page ({samples} tasks): p50 {BenchmarkSupport.Percentile(latencies, 50):0} ms, " +
            $"p95 {BenchmarkSupport.Percentile(latencies, 95):0} ms, max {latencies[^1]:0} ms");
    }

}
