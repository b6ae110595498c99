using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>The queues that have tasks, for the queue filter.</summary>
[RequiresPermission(Permissions.TasksView)]
public sealed record ListTaskQueues : IQuery<IReadOnlyList<string>>;

public sealed class ListTaskQueuesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListTaskQueues, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(ListTaskQueues request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.QueuedTasks.AsNoTracking().Select(t => t.Queue).Distinct().OrderBy(q => q).ToListAsync(cancellationToken);
    }
}
