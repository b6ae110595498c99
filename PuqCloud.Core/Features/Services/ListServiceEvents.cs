using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>A service's history, newest first.</summary>
[RequiresPermission(Permissions.ServicesView)]
public sealed record ListServiceEvents(Guid Id) : IQuery<IReadOnlyList<ServiceEventDto>>;

public sealed class ListServiceEventsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListServiceEvents, IReadOnlyList<ServiceEventDto>>
{
    public async Task<IReadOnlyList<ServiceEventDto>> Handle(ListServiceEvents request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Services.AnyAsync(s => s.Id == request.Id, cancellationToken)) throw new NotFoundException(ServiceRules.NoSuchService);
        return await db.ServiceEvents.AsNoTracking().Where(e => e.ServiceId == request.Id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new ServiceEventDto(e.At, e.Kind, e.Text, e.Actor)).ToListAsync(cancellationToken);
    }
}
