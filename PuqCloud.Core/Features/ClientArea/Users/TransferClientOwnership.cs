using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>The owner hands ownership to another member (the handler checks the sender is the owner).</summary>
[ClientMember(ClientPermissions.ManageUsers)]
[NotWhileImpersonating]
public sealed record TransferClientOwnership(Guid ClientId, Guid NewOwnerUserId) : ICommand<Unit>, IClientScoped;

public sealed class TransferClientOwnershipHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors) : IRequestHandler<TransferClientOwnership, Unit>
{
    public async Task<Unit> Handle(TransferClientOwnership request, CancellationToken cancellationToken)
    {
        var me = actors.Current.ClientUserId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.ClientMemberships.AnyAsync(m => m.ClientId == request.ClientId && m.ClientUserId == me && m.IsOwner, cancellationToken))
            throw new AccessDeniedException("Only the owner can hand over ownership.");
        await ClientRules.TransferOwnershipAsync(db, request.ClientId, request.NewOwnerUserId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
