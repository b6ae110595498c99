using Xunit.Abstractions;

[assembly: TestCollectionOrderer("PuqCloud.Tests.Support.LongestFirstCollectionOrderer", "PuqCloud.Tests")]

namespace PuqCloud.Tests.Support;

/// <summary>
/// xUnit runs three test collections at once (xunit.runner.json), each to its end before another starts, in this order.
/// The browser collections take minutes each and keep both cores busy, the rest seconds and wait on databases and timers
/// much of the time: two browser collections and one other side by side use the machine best (with two at once, the
/// cores idled a third of the time once only integration tests were left; with three browsers at once, journeys waited
/// on each other). So the light page crawl and the catalog journeys start first beside the slowest integration class,
/// whose end lets the third browser collection in, and the short classes fill the gaps after.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(ITestCollection collection) => collection.DisplayName switch
    {
        CrawlBrowserCollection.Name => 0,
        CatalogBrowserCollection.Name => 1,
        // A class without a collection of its own is its own collection, named after the class.
        var name when name.EndsWith(".Integration.PostgresBillingApiTests", StringComparison.Ordinal) => 2,
        BrowserCollection.Name => 3,
        var name when name.Contains(".Integration.Postgres", StringComparison.Ordinal) => 4,
        var name when name.Contains(".Integration.", StringComparison.Ordinal) => 5,
        _ => 6,
    };
}
