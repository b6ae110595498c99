using Microsoft.Extensions.Localization;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Features.Dashboard;

namespace PuqCloud.Web.Components.Admin.Dashboard;

/// <summary>The person-facing names the dashboard shows for its widgets and task states.</summary>
public static class DashboardTexts
{
    public static string WidgetTitle(IStringLocalizer L, string key) => key switch
    {
        DashboardWidgets.System => L["System"],
        DashboardWidgets.Heartbeat => L["Heartbeat"],
        DashboardWidgets.Automation => L["Automation"],
        DashboardWidgets.Tasks => L["Task queue"],
        DashboardWidgets.StaffOnline => L["Staff online"],
        DashboardWidgets.Billing => L["Billing"],
        DashboardWidgets.MoneyIn => L["Money in"],
        _ => key,
    };

    public static string TaskStatus(IStringLocalizer L, QueuedTaskStatus status) => status switch
    {
        QueuedTaskStatus.Queued => L["Queued"],
        QueuedTaskStatus.Processing => L["Processing"],
        QueuedTaskStatus.Completed => L["Completed"],
        QueuedTaskStatus.Failed => L["Failed"],
        QueuedTaskStatus.Duplicate => L["Duplicate"],
        _ => status.ToString(),
    };
}
