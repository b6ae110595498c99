using Xunit.Abstractions;

[assembly: TestCollectionOrderer("PuqCloud.Tests.Support.LongestFirstCollectionOrderer", "PuqCloud.Tests")]

namespace PuqCloud.Tests.Support;

/// <summary>
/// xUnit runs three test collections at once (xunit.runner.json), each to its end before another starts, in this order.
/// The two browser collections take minutes each and keep both cores busy; the rest take seconds and wait on databases
/// and timers much of the time. With two collections at once the cores idled a third of the time once only integration
/// tests were left (823 s for the whole run); with three they stay busy to the end. So the two browser collections start
/// first, beside the slowest integration classes, and the short classes fill the third slot after them.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(ITestCollection collection) => collection.DisplayName switch
    {
        BrowserCollection.Name => 0,
        CatalogBrowserCollection.Name => 1,
        // A class without a collection of its own is its own collection, named after the class.
        var name when LongestIndex(name) >= 0 => 2 + LongestIndex(name),
        var name when name.Contains(".Integration.Postgres", StringComparison.Ordinal) => 2 + Longest.Count,
        var name when name.Contains(".Integration.", StringComparison.Ordinal) => 3 + Longest.Count,
        _ => 4 + Longest.Count,
    };

    /// <summary>
    /// The integration classes that take a minute or more, slowest first (full run, 2026-12-07: 419, 102 and 60 s): started
    /// late, one of them ran on alone at the end while the cores had room.
    /// </summary>
    private static int LongestIndex(string name) => Longest.FindIndex(suffix => name.EndsWith(suffix, StringComparison.Ordinal));

    private static readonly List<string> Longest =
        [".Integration.PostgresBillingApiTests", ".Integration.SqliteBillingApiTests", ".Integration.BillingCrashTests"];
}
