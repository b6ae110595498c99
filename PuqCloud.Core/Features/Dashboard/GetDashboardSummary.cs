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

/// <summary>The automation, task queue and staff-online widgets.</summary>
public sealed record DashboardSummary(AutomationStatus Automation, IReadOnlyList<TaskStatusCount> Tasks, IReadOnlyList<OnlineStaff> StaffOnline);

public sealed record OnlineStaff(Guid StaffId, string? Name, string? Email, DateTime LastSeenAt);

public sealed record TaskStatusCount(QueuedTaskStatus Status, int Count);

public sealed record AutomationStatus(DateTime? LastRunAt, string? LastRunTitle, string? LastOutcome, int Schedules, int Enabled, IReadOnlyList<FailedSchedule> Failed);

public sealed record FailedSchedule(string Key, string Title, DateTime? LastRunAt);

[RequiresPermission(Permissions.DashboardView)]
public sealed record GetDashboardSummary : IQuery<DashboardSummary>;

public sealed class GetDashboardSummaryHandler(IDbContextFactory<AppDbContext> contexts, ScheduleRegistry registry, PermissionGrants grants, TimeProvider clock)
    : IRequestHandler<GetDashboardSummary, DashboardSummary>
{
    /// <summary>Staff seen in the request log within this span count as online.</summary>
    public static readonly TimeSpan OnlineWindow = TimeSpan.FromMinutes(5);

    public async Task<DashboardSummary> Handle(GetDashboardSummary request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var definitions = await registry.AllAsync(cancellationToken);
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
        // Colleagues' addresses are for those who may see the administrators.
        var withEmail = await grants.HoldsAsync(Permissions.AdminsView, cancellationToken);
        var online = seen.Where(s => people.ContainsKey(s.StaffId)).OrderByDescending(s => s.LastSeenAt)
            .Select(s => new OnlineStaff(s.StaffId, $"{people[s.StaffId].FirstName} {people[s.StaffId].LastName}".Trim(), withEmail ? people[s.StaffId].Email : null, s.LastSeenAt)).ToList();
        return new DashboardSummary(automation, tasks, online);
    }
}
