using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Platform;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Platform;

/// <summary>The heartbeat job's work: this node says it is alive; open dashboards hear of it.</summary>
[SystemOnly]
public sealed record RecordHeartbeat : IRequest<DateTime>;

public sealed class RecordHeartbeatHandler(IDbContextFactory<AppDbContext> contexts, NodeIdentity node, TimeProvider clock, ILiveEvents live) : IRequestHandler<RecordHeartbeat, DateTime>
{
    public async Task<DateTime> Handle(RecordHeartbeat request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var beat = await db.NodeHeartbeats.FirstOrDefaultAsync(h => h.NodeName == node.Name, cancellationToken);
            if (beat is null)
            {
                beat = new NodeHeartbeat { NodeName = node.Name };
                db.NodeHeartbeats.Add(beat);
            }
            if (beat.StartedAt != node.StartedAt)
            {
                beat.StartedAt = node.StartedAt;
                beat.Beats = 0;
            }
            beat.LastBeatAt = now;
            beat.Beats++;
            beat.Version = node.Version;
            await db.SaveChangesAsync(cancellationToken);
        }
        // After the commit, never before: a page that hears the event must find the new row.
        await live.PublishAsync(new LiveEvent(LiveTopics.Heartbeat, node.Name, now), cancellationToken);
        return now;
    }
}
