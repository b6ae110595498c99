using PuqCloud.Core.Common;
using Radzen;

namespace PuqCloud.Web.Components.Shared;

/// <summary>
/// Turns a Radzen grid's LoadData arguments into a Core <see cref="PageRequest"/>: the column's property
/// becomes the sort key ("Code" → "code", descending → "-code"); each query keeps its own whitelist.
/// </summary>
public static class GridPaging
{
    public static PageRequest ToPageRequest(this LoadDataArgs args, string? search, int defaultPageSize = 25)
    {
        var pageSize = args.Top is > 0 ? args.Top.Value : defaultPageSize;
        var page = (args.Skip ?? 0) / pageSize + 1;
        var sort = args.Sorts?.FirstOrDefault(s => s.SortOrder is not null && !string.IsNullOrEmpty(s.Property));
        string? sortKey = sort is null ? null
            : (sort.SortOrder == SortOrder.Descending ? "-" : "") + char.ToLowerInvariant(sort.Property![0]) + sort.Property[1..];
        return new PageRequest(search, page, pageSize, sortKey);
    }
}
