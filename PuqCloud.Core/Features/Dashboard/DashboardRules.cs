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

    /// <summary>The widgets the acting person may not see (<see cref="DashboardWidgets.Permission"/>).</summary>
    internal static async Task<HashSet<string>> HiddenAsync(PermissionGrants grants, CancellationToken cancellationToken)
    {
        var gated = DashboardWidgets.All.Select(key => (Key: key, Needed: DashboardWidgets.Permission(key))).Where(w => w.Needed is not null).ToList();
        var held = await grants.HeldAmongAsync(gated.Select(w => w.Needed!), cancellationToken);
        return gated.Where(w => !held.Contains(w.Needed!)).Select(w => w.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The layout without the <paramref name="hidden"/> widgets.</summary>
    internal static DashboardLayoutDto Without(DashboardLayoutDto layout, IReadOnlySet<string> hidden) =>
        new(layout.Widgets.Where(w => !hidden.Contains(w.Key)).ToList());

    /// <summary>
    /// The layout a person saves from what they were shown: the <paramref name="hidden"/> widgets keep their stored place
    /// and switch (a permission given back finds the widget where it was, as it was).
    /// </summary>
    internal static DashboardLayoutDto Merge(DashboardLayoutDto stored, IReadOnlyList<WidgetPlacement> shown, IReadOnlySet<string> hidden)
    {
        var next = new Queue<WidgetPlacement>(shown.Where(w => !hidden.Contains(w.Key)));
        var merged = stored.Widgets.Select(w => hidden.Contains(w.Key) ? w : next.TryDequeue(out var placed) ? placed : null).OfType<WidgetPlacement>().ToList();
        merged.AddRange(next);
        return Normalize(merged);
    }
}
