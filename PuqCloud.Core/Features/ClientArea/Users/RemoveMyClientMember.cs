using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>Takes a member's access away; never the owner's, nor a member's who holds a permission the acting member does not.</summary>
[ClientMember(ClientPermissions.ManageUsers)]
[NotWhileImpersonating]
public sealed record RemoveMyClientMember(Guid ClientId, Guid ClientUserId) : ICommand<Unit>, IClientScoped;

public sealed class RemoveMyClientMemberHandler(IDbContextFactory<AppDbContext> contexts, ClientGrants grants, TimeProvider clock) : IRequestHandler<RemoveMyClientMember, Unit>
{
    public async Task<Unit> Handle(RemoveMyClientMember request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await grants.RequireCanManageMemberAsync(db, request.ClientId, request.ClientUserId, cancellationToken);
        await ClientRules.RemoveMemberAsync(db, request.ClientId, request.ClientUserId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
