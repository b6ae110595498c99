using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Platform;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Dashboard;

public sealed record SystemStatus(string Version, string DatabaseProvider, string ThisNode, DateTime ServerTime, DateTime StartedAt, int StaffAccounts, IReadOnlyList<NodeStatus> Nodes);

public sealed record NodeStatus(string Name, string Version, DateTime StartedAt, DateTime LastBeatAt, long Beats, bool IsThisNode);

/// <summary>The dashboard's system widget and heartbeat list.</summary>
[RequiresPermission(Permissions.DashboardView)]
public sealed record GetSystemStatus : IQuery<SystemStatus>;

public sealed class GetSystemStatusHandler(IDbContextFactory<AppDbContext> contexts, NodeIdentity node, DatabaseOptions database, TimeProvider clock) : IRequestHandler<GetSystemStatus, SystemStatus>
{
    public async Task<SystemStatus> Handle(GetSystemStatus request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var nodes = await db.NodeHeartbeats.AsNoTracking().OrderBy(n => n.NodeName).ToListAsync(cancellationToken);
        var staff = await db.StaffAccounts.CountAsync(cancellationToken);
        return new SystemStatus(node.Version, database.Provider.ToString(), node.Name, clock.GetUtcNow().UtcDateTime, node.StartedAt, staff,
            nodes.Select(n => new NodeStatus(n.NodeName, n.Version, n.StartedAt, n.LastBeatAt, n.Beats, n.NodeName == node.Name)).ToList());
    }
}
