using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine.Scheduling;
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

    public static IReadOnlyList<string> All { get; } = [System, Heartbeat, Automation, Tasks, StaffOnline];
}

/// <summary>One widget's place on a dashboard: the list's order is the order on the page.</summary>
public sealed record WidgetPlacement(string Key, bool Visible);

public sealed record DashboardLayoutDto(IReadOnlyList<WidgetPlacement> Widgets);

/// <summary>The signed-in staff member's dashboard layout (the default one until they change it).</summary>
[RequiresPermission(Permissions.DashboardView)]
public sealed record GetMyDashboardLayout : IQuery<DashboardLayoutDto>;

/// <summary>Saves the signed-in staff member's widget order and switches.</summary>
[RequiresPermission(Permissions.DashboardView)]
public sealed record SaveMyDashboardLayout(IReadOnlyList<WidgetPlacement> Widgets) : ICommand<DashboardLayoutDto>;

public sealed record FailedSchedule(string Key, string Title, DateTime? LastRunAt);

public sealed record AutomationStatus(DateTime? LastRunAt, string? LastRunTitle, string? LastOutcome, int Schedules, int Enabled, IReadOnlyList<FailedSchedule> Failed);

public sealed record TaskStatusCount(QueuedTaskStatus Status, int Count);

public sealed record OnlineStaff(Guid StaffId, string? Name, string? Email, DateTime LastSeenAt);

/// <summary>The automation, task queue and staff-online widgets.</summary>
public sealed record DashboardSummary(AutomationStatus Automation, IReadOnlyList<TaskStatusCount> Tasks, IReadOnlyList<OnlineStaff> StaffOnline);

[RequiresPermission(Permissions.DashboardView)]
public sealed record GetDashboardSummary : IQuery<DashboardSummary>;

public sealed class SaveMyDashboardLayoutValidator : AbstractValidator<SaveMyDashboardLayout>
{
    public SaveMyDashboardLayoutValidator()
    {
        RuleFor(x => x.Widgets).NotNull()
            .Must(w => w is null || w.All(p => DashboardWidgets.All.Contains(p.Key))).WithMessage("Unknown widget.")
            .Must(w => w is null || w.Select(p => p.Key).Distinct().Count() == w.Count).WithMessage("A widget may appear only once.");
    }
}

public sealed class DashboardHandlers(IDbContextFactory<AppDbContext> contexts, ActorContext actors, ScheduleRegistry registry, TimeProvider clock) :
    IRequestHandler<GetMyDashboardLayout, DashboardLayoutDto>,
    IRequestHandler<SaveMyDashboardLayout, DashboardLayoutDto>,
    IRequestHandler<GetDashboardSummary, DashboardSummary>
{
    /// <summary>Staff seen in the request log within this span count as online.</summary>
    public static readonly TimeSpan OnlineWindow = TimeSpan.FromMinutes(5);

    public async Task<DashboardLayoutDto> Handle(GetMyDashboardLayout request, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.DashboardLayouts.AsNoTracking().Where(l => l.StaffAccountId == staffId).Select(l => l.LayoutJson).FirstOrDefaultAsync(cancellationToken);
        return Normalize(Read(json));
    }

    public async Task<DashboardLayoutDto> Handle(SaveMyDashboardLayout request, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId ?? throw new NotAuthenticatedException();
        var layout = Normalize(request.Widgets);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.DashboardLayouts.FirstOrDefaultAsync(l => l.StaffAccountId == staffId, cancellationToken);
        if (row is null)
        {
            row = new DashboardLayout { StaffAccountId = staffId };
            db.DashboardLayouts.Add(row);
        }
        row.LayoutJson = JsonSerializer.Serialize(layout.Widgets, JsonSerializerOptions.Web);
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return layout;
    }

    public async Task<DashboardSummary> Handle(GetDashboardSummary request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var definitions = registry.All();
        var titles = definitions.ToDictionary(d => d.Key, d => d.Title, StringComparer.Ordinal);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = titles.Keys.ToList();
        var records = await db.Schedules.AsNoTracking().Where(s => keys.Contains(s.Key)).ToListAsync(cancellationToken);
        var last = records.Where(r => r.LastRunAt != null).MaxBy(r => r.LastRunAt);
        var failed = records.Where(r => r.LastOutcome == ScheduleOutcomes.Failed).OrderByDescending(r => r.LastRunAt)
            .Select(r => new FailedSchedule(r.Key, titles[r.Key], r.LastRunAt)).ToList();
        var automation = new AutomationStatus(last?.LastRunAt, last is null ? null : titles[last.Key], last?.LastOutcome,
            definitions.Count, definitions.Count(d => records.FirstOrDefault(r => r.Key == d.Key)?.Enabled ?? d.EnabledByDefault), failed);

        var counts = await db.QueuedTasks.AsNoTracking().GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var tasks = Enum.GetValues<QueuedTaskStatus>().Select(s => new TaskStatusCount(s, counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0)).ToList();

        var since = now - OnlineWindow;
        var seen = await db.RequestLog.AsNoTracking().Where(e => e.ActorKind == ActorKind.Staff && e.StaffId != null && e.At >= since)
            .GroupBy(e => e.StaffId!.Value).Select(g => new { StaffId = g.Key, LastSeenAt = g.Max(e => e.At) }).ToListAsync(cancellationToken);
        var ids = seen.Select(s => s.StaffId).ToList();
        var people = await db.StaffAccounts.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.FirstName, s.LastName, s.Email }).ToDictionaryAsync(s => s.Id, cancellationToken);
        var online = seen.Where(s => people.ContainsKey(s.StaffId)).OrderByDescending(s => s.LastSeenAt)
            .Select(s => new OnlineStaff(s.StaffId, $"{people[s.StaffId].FirstName} {people[s.StaffId].LastName}".Trim(), people[s.StaffId].Email, s.LastSeenAt)).ToList();
        return new DashboardSummary(automation, tasks, online);
    }

    private static IReadOnlyList<WidgetPlacement>? Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<List<WidgetPlacement>>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Known widgets once each, in the saved order; widgets added since the layout was saved come last, switched on.</summary>
    private static DashboardLayoutDto Normalize(IReadOnlyList<WidgetPlacement>? saved)
    {
        var widgets = (saved ?? []).Where(w => DashboardWidgets.All.Contains(w.Key)).DistinctBy(w => w.Key).ToList();
        widgets.AddRange(DashboardWidgets.All.Where(k => widgets.All(w => w.Key != k)).Select(k => new WidgetPlacement(k, true)));
        return new DashboardLayoutDto(widgets);
    }
}
