using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>Makes a member the client's owner; the previous owner stays with every permission.</summary>
[RequiresPermission(Permissions.ClientsEdit)]
public sealed record MakeClientOwner(Guid ClientId, Guid UserId) : ICommand<Unit>;

public sealed class MakeClientOwnerHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<MakeClientOwner, Unit>
{
    public async Task<Unit> Handle(MakeClientOwner request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClientRules.TransferOwnershipAsync(db, request.ClientId, request.UserId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
