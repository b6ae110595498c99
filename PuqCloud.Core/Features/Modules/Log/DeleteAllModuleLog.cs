using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

/// <summary>Empties the Module Log; answers how many entries went.</summary>
[RequiresPermission(Permissions.ModuleLogDelete)]
public sealed record DeleteAllModuleLog : ICommand<int>;

public sealed class DeleteAllModuleLogHandler(IDbContextFactory<AppDbContext> contexts, ILiveEvents live) : IRequestHandler<DeleteAllModuleLog, int>
{
    public async Task<int> Handle(DeleteAllModuleLog request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.ModuleLog.ExecuteDeleteAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(EngineTopics.ModuleLog), cancellationToken);
        return deleted;
    }
}
