using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Dashboard;

/// <summary>Steps that several Dashboard use cases share.</summary>
internal static class DashboardRules
{
    /// <summary>Known widgets once each, in the saved order; widgets added since the layout was saved come last, switched on.</summary>
    internal static DashboardLayoutDto Normalize(IReadOnlyList<WidgetPlacement>? saved)
    {
        var widgets = (saved ?? []).Where(w => DashboardWidgets.All.Contains(w.Key)).DistinctBy(w => w.Key).ToList();
        widgets.AddRange(DashboardWidgets.All.Where(k => widgets.All(w => w.Key != k)).Select(k => new WidgetPlacement(k, true)));
        return new DashboardLayoutDto(widgets);
    }

    /// <summary>The layout without the widgets the acting person may not see (<see cref="DashboardWidgets.Permission"/>).</summary>
    internal static async Task<DashboardLayoutDto> ForActorAsync(DashboardLayoutDto layout, PermissionGrants grants, CancellationToken cancellationToken)
    {
        var shown = new List<WidgetPlacement>();
        foreach (var widget in layout.Widgets)
            if (DashboardWidgets.Permission(widget.Key) is not { } needed || await grants.HoldsAsync(needed, cancellationToken))
                shown.Add(widget);
        return new DashboardLayoutDto(shown);
    }
}
