namespace PuqCloud.Core.Common;

/// <summary>Reorder requests send the whole new order of a list: every id of it, each once.</summary>
public static class Reordering
{
    /// <summary>True when <paramref name="requested"/> holds each of <paramref name="current"/> exactly once and nothing else.</summary>
    public static bool IsPermutationOf(IReadOnlyCollection<Guid> requested, IReadOnlyCollection<Guid> current) =>
        requested.Count == current.Count && requested.Distinct().Count() == requested.Count && requested.All(current.Contains);
}
