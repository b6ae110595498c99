using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Live;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

public sealed record ModuleLogDetailDto(ModuleLogEntryDto Entry, string? Request, string? Response);

[RequiresPermission(Permissions.ModuleLogView)]
public sealed record GetModuleLogEntry(Guid Id) : IQuery<ModuleLogDetailDto>;

public sealed class GetModuleLogEntryHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog) : IRequestHandler<GetModuleLogEntry, ModuleLogDetailDto>
{
    public async Task<ModuleLogDetailDto> Handle(GetModuleLogEntry request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var e = await db.ModuleLog.AsNoTracking().FirstOrDefaultAsync(x => x.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such Module Log entry.");
        return new ModuleLogDetailDto(new ModuleLogEntryDto(e.Id, e.At, e.ModuleKey, ModuleLogRules.NameOf(catalog, e.ModuleKey), e.Action, e.Level, e.Message), e.Request, e.Response);
    }
}
