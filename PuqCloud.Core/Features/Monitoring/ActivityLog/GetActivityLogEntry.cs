using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

public sealed record ActivityLogDetailDto(ActivityLogEntryDto Entry, IReadOnlyList<EntityChangeDto> Changes);

public sealed record EntityChangeDto(string Entity, string? Id, string State, IReadOnlyList<FieldChangeDto> Fields);

/// <summary>One field of a changed entity: its value before and after (null before = created, null after = deleted).</summary>
public sealed record FieldChangeDto(string Field, string? Before, string? After);

/// <summary>One activity-log entry with the before/after of every field it changed.</summary>
[RequiresPermission(Permissions.ActivityLogView)]
public sealed record GetActivityLogEntry(Guid Id) : IQuery<ActivityLogDetailDto>;

public sealed class GetActivityLogEntryHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetActivityLogEntry, ActivityLogDetailDto>
{
    public async Task<ActivityLogDetailDto> Handle(GetActivityLogEntry request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = await db.ActivityLog.AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such activity-log entry.");
        var changes = ActivityLogRules.ParseChanges(entry.Changes);
        return new ActivityLogDetailDto(ActivityLogRules.ToDto(entry, changes.Count), changes);
    }
}
