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
}
