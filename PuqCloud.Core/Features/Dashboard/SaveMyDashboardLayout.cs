using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Dashboard;

/// <summary>The widgets of the dashboard, in their default order.</summary>
public static class DashboardWidgets
{
    public const string System = "system";
    public const string Heartbeat = "heartbeat";
    public const string Automation = "automation";
    public const string Tasks = "tasks";
    public const string StaffOnline = "staff-online";
    public const string Billing = "billing";
    public const string MoneyIn = "money-in";

    public static IReadOnlyList<string> All { get; } = [Billing, System, Heartbeat, Automation, Tasks, StaffOnline, MoneyIn];

    /// <summary>
    /// What a widget needs beside dashboard.view: the figures of the finance pages need those pages' permission (a
    /// support group sees the dashboard, not the revenue). Null: dashboard.view is enough.
    /// </summary>
    public static string? Permission(string key) => key switch
    {
        Billing => Permissions.TransactionsView,
        MoneyIn => Permissions.InvoicesView,
        _ => null,
    };
}

/// <summary>Saves the signed-in staff member's widget order and switches.</summary>
[RequiresPermission(Permissions.DashboardView)]
public sealed record SaveMyDashboardLayout(IReadOnlyList<WidgetPlacement> Widgets) : ICommand<DashboardLayoutDto>;

public sealed class SaveMyDashboardLayoutValidator : AbstractValidator<SaveMyDashboardLayout>
{
    public SaveMyDashboardLayoutValidator()
    {
        RuleFor(x => x.Widgets).NotNull()
            .Must(w => w is null || w.All(p => DashboardWidgets.All.Contains(p.Key))).WithMessage("Unknown widget.")
            .Must(w => w is null || w.Select(p => p.Key).Distinct().Count() == w.Count).WithMessage("A widget may appear only once.");
    }
}

public sealed class SaveMyDashboardLayoutHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, PermissionGrants grants, TimeProvider clock)
    : IRequestHandler<SaveMyDashboardLayout, DashboardLayoutDto>
{
    public async Task<DashboardLayoutDto> Handle(SaveMyDashboardLayout request, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId ?? throw new NotAuthenticatedException();
        var hidden = await DashboardRules.HiddenAsync(grants, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.DashboardLayouts.FirstOrDefaultAsync(l => l.StaffAccountId == staffId, cancellationToken);
        var layout = DashboardRules.Merge(DashboardRules.Normalize(GetMyDashboardLayoutHandler.Read(row?.LayoutJson)), request.Widgets, hidden);
        if (row is null)
        {
            row = new DashboardLayout { StaffAccountId = staffId };
            db.DashboardLayouts.Add(row);
        }
        row.LayoutJson = JsonSerializer.Serialize(layout.Widgets, JsonSerializerOptions.Web);
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return DashboardRules.Without(layout, hidden);
    }
}
