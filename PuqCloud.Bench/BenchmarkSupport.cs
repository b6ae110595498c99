using PuqCloud.Tests.Support;

namespace PuqCloud.Bench;

/// <summary>What the benchmarks share: their command-line options, the databases they run on and how they summarise samples.</summary>
public static class BenchmarkSupport
{
    /// <summary>The integer after <paramref name="name"/> (as in <c>--tasks 500</c>), or <paramref name="fallback"/>.</summary>
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }

    /// <summary>The nearest-rank <paramref name="p"/>th percentile of samples sorted ascending.</summary>
    public static double Percentile(List<double> sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Runs <paramref name="run"/> on SQLite, then on PostgreSQL when PUQ_TEST_POSTGRES is set (else says it was skipped).</summary>
    public static async Task OnEachDatabaseAsync(TextWriter report, Func<TestDatabase, Task> run)
    {
        await run(TestDatabase.Sqlite);
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestPostgres.Variable)))
            await run(TestDatabase.Postgres);
        else
            report.WriteLine($"  PostgreSQL: skipped ({TestPostgres.Variable} is not set)");
    }
}
