using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Features.Platform;
using PuqCloud.Core.Jobs;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Automation;

/// <summary>The heartbeat of the System tab: every node beats every `Jobs:HeartbeatSeconds` (set in configuration, not here).</summary>
public sealed record HeartbeatScheduleDto(int IntervalSeconds, string ThisNode, DateTime? LastBeatAt, DateTime? NextBeatAt);

[RequiresPermission(Permissions.SchedulesView)]
public sealed record GetHeartbeatSchedule : IQuery<HeartbeatScheduleDto>;

public sealed class GetHeartbeatScheduleHandler(IDbContextFactory<AppDbContext> contexts, NodeIdentity node, IOptions<JobOptions> jobOptions) : IRequestHandler<GetHeartbeatSchedule, HeartbeatScheduleDto>
{
    public async Task<HeartbeatScheduleDto> Handle(GetHeartbeatSchedule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.NodeHeartbeats.AsNoTracking().Where(h => h.NodeName == node.Name).Select(h => (DateTime?)h.LastBeatAt).FirstOrDefaultAsync(cancellationToken);
        var interval = Math.Max(1, jobOptions.Value.HeartbeatSeconds);
        return new HeartbeatScheduleDto(interval, node.Name, last, last?.AddSeconds(interval));
    }
}
