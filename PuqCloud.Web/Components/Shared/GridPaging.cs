using MudBlazor;
using PuqCloud.Core.Common;

namespace PuqCloud.Web.Components.Shared;

/// <summary>
/// Maps a MudDataGrid's server-side state to a Core <see cref="PageRequest"/> and a page of results back to the
/// grid: the sorted column's <c>SortBy</c> (its property name, or the name a TemplateColumn sets) becomes the
/// sort key ("Code" → "code", descending → "-code"); each query looks the key up in its own SortMap whitelist.
/// </summary>
public static class GridPaging
{
    public static PageRequest ToPageRequest<T>(this GridState<T> state, string? search)
    {
        var sort = state.SortDefinitions.OrderBy(s => s.Index).FirstOrDefault(s => !string.IsNullOrEmpty(s.SortBy));
        string? sortKey = sort is null ? null : (sort.Descending ? "-" : "") + char.ToLowerInvariant(sort.SortBy[0]) + sort.SortBy[1..];
        return new PageRequest(search, state.Page + 1, state.PageSize, sortKey);
    }

    /// <summary>The grid's page: the items, or none with the total 0 when the request was refused (its message shows above the grid).</summary>
    public static GridData<T> ToGridData<T>(this PagedResult<T>? page) =>
        new() { Items = page?.Items ?? [], TotalItems = page?.Total ?? 0 };
}
