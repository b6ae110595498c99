using MudBlazor;

namespace PuqCloud.Web.Components.Admin.Monitoring;

/// <summary>The log pages' grids go back to their first page when a filter changes.</summary>
public static class LogGrid
{
    public static async Task FirstPageAsync<T>(this MudDataGrid<T>? grid)
    {
        if (grid is null) return;
        // Changing the page loads it; on the first page already, load it again.
        if (grid.CurrentPage != 0) grid.NavigateTo(Page.First);
        else await grid.ReloadServerData();
    }
}
