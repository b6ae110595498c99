using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

[ClientMember(ClientPermissions.ManageUsers)]
[NotWhileImpersonating]
public sealed record SetClientMemberPermissions(Guid ClientId, Guid ClientUserId, IReadOnlyList<string> Permissions) : ICommand<Unit>, IClientScoped;

public sealed class SetClientMemberPermissionsHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, ClientGrants grants) : IRequestHandler<SetClientMemberPermissions, Unit>
{
    public async Task<Unit> Handle(SetClientMemberPermissions request, CancellationToken cancellationToken)
    {
        if (request.ClientUserId == actors.Current.ClientUserId)
            throw new RuleViolationException("You cannot change your own permissions. Ask the owner.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await grants.RequireCanManageMemberAsync(db, request.ClientId, request.ClientUserId, cancellationToken);
        await grants.RequireHeldAsync(request.ClientId, request.Permissions, "Giving these permissions", cancellationToken);
        await ClientRules.SetPermissionsAsync(db, request.ClientId, request.ClientUserId, request.Permissions, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
