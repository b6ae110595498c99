using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>Staff see the client's invitations that its user managers sent and nobody answered yet, newest first.</summary>
[RequiresPermission(Permissions.ClientsView)]
public sealed record ListClientInvitations(Guid ClientId) : IQuery<IReadOnlyList<ClientInvitationInfo>>;

public sealed class ListClientInvitationsHandler(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IRequestHandler<ListClientInvitations, IReadOnlyList<ClientInvitationInfo>>
{
    public async Task<IReadOnlyList<ClientInvitationInfo>> Handle(ListClientInvitations request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Clients.AnyAsync(c => c.Id == request.ClientId, cancellationToken)) throw new NotFoundException("There is no such client.");
        return await ClientInvitationRules.ListAsync(db, request.ClientId, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
