using Xunit.Abstractions;

[assembly: TestCollectionOrderer("PuqCloud.Tests.Support.LongestFirstCollectionOrderer", "PuqCloud.Tests")]

namespace PuqCloud.Tests.Support;

/// <summary>
/// xUnit runs as many test collections at once as the machine has cores, each to its end before another starts. The
/// browser collections take minutes each and the rest seconds, so they start first and the short ones fill the gaps
/// around them; started last (as the default order had it) the light page crawl ran alone for four minutes at the end.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(ITestCollection collection) => collection.DisplayName switch
    {
        CrawlBrowserCollection.Name => 0,
        CatalogBrowserCollection.Name => 1,
        BrowserCollection.Name => 2,
        // A class without a collection of its own is its own collection, named after the class.
        var name when name.Contains(".Integration.Postgres", StringComparison.Ordinal) => 3,
        var name when name.Contains(".Integration.", StringComparison.Ordinal) => 4,
        _ => 5,
    };
}
