using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>An invitation of the client not answered yet: only the address the inviter typed, never the person's name.</summary>
public sealed record ClientInvitationInfo(Guid ClientUserId, string Email, IReadOnlyList<string> Permissions, string InvitedBy, DateTime InvitedAt);

/// <summary>The client's invitations waiting for an answer, newest first.</summary>
[ClientMember(ClientPermissions.ManageUsers)]
public sealed record ListMyClientInvitations(Guid ClientId) : IQuery<IReadOnlyList<ClientInvitationInfo>>, IClientScoped;

public sealed class ListMyClientInvitationsHandler(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IRequestHandler<ListMyClientInvitations, IReadOnlyList<ClientInvitationInfo>>
{
    public async Task<IReadOnlyList<ClientInvitationInfo>> Handle(ListMyClientInvitations request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ClientInvitationRules.ListAsync(db, request.ClientId, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
