namespace PuqCloud.Web.Components.Shared;

/// <summary>The up/down buttons of ordered lists: the whole new order, for a reorder request.</summary>
public static class OrderMoves
{
    /// <summary>The ids with the one at <paramref name="index"/> swapped with its neighbour (<paramref name="step"/> -1 up, +1 down); null when it cannot move.</summary>
    public static IReadOnlyList<Guid>? Move(IReadOnlyList<Guid> ids, int index, int step)
    {
        var target = index + step;
        if (index < 0 || index >= ids.Count || target < 0 || target >= ids.Count) return null;
        var moved = ids.ToList();
        (moved[index], moved[target]) = (moved[target], moved[index]);
        return moved;
    }
}
