using System.Diagnostics;
using PuqCloud.Tests.Support;

namespace PuqCloud.Bench;

/// <summary>
/// How long a node takes to start: N apps started one after another in this process, each on a copy of the migrated
/// template database as the tests start them, timed from the call until /health answers, with the process's CPU time
/// over the same span. The first start (template made, code compiled) is printed apart. SQLite, and PostgreSQL when
/// PUQ_TEST_POSTGRES is set.
/// </summary>
public static class StartBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var starts = BenchmarkSupport.Int(args, "--starts", 10);
        var report = Console.Out;
        Console.SetOut(TextWriter.Null);
        report.WriteLine($"Start benchmark ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC): {starts} starts after one warm-up");
        await BenchmarkSupport.OnEachDatabaseAsync(report, database => RunOnAsync(report, database, starts));
    }

    private static async Task RunOnAsync(TextWriter report, TestDatabase database, int starts)
    {
        var (warmWall, warmCpu) = await StartOnceAsync(database);
        var walls = new List<double>();
        var cpus = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            var (wall, cpu) = await StartOnceAsync(database);
            walls.Add(wall);
            cpus.Add(cpu);
        }
        walls.Sort();
        cpus.Sort();
        report.WriteLine($"  {database}: first start {warmWall:0} ms ({warmCpu:0} ms CPU); then p50 {BenchmarkSupport.Percentile(walls, 50):0} ms, " +
            $"max {walls[^1]:0} ms; CPU p50 {BenchmarkSupport.Percentile(cpus, 50):0} ms");
    }

    private static async Task<(double WallMs, double CpuMs)> StartOnceAsync(TestDatabase database)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var app = await PuqAppFactory.StartAsync(database);
        var wall = clock.Elapsed.TotalMilliseconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        await app.DisposeAsync();
        return (wall, cpu);
    }
}
