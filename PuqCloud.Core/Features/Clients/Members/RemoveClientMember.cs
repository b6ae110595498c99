using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

[RequiresPermission(Permissions.ClientsEdit)]
public sealed record RemoveClientMember(Guid ClientId, Guid UserId) : ICommand<Unit>;

public sealed class RemoveClientMemberHandler(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IRequestHandler<RemoveClientMember, Unit>
{
    public async Task<Unit> Handle(RemoveClientMember request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ClientRules.RemoveMemberAsync(db, request.ClientId, request.UserId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
