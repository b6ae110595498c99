using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// A member gives up their own access to the client, with their API tokens for it. The owner cannot: they hand
/// ownership on first.
/// </summary>
[ClientMember]
[NotWhileImpersonating]
public sealed record LeaveClient(Guid ClientId) : ICommand<Unit>, IClientScoped;

public sealed class LeaveClientHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TimeProvider clock) : IRequestHandler<LeaveClient, Unit>
{
    public async Task<Unit> Handle(LeaveClient request, CancellationToken cancellationToken)
    {
        var me = actors.Current.ClientUserId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ClientMemberships.AnyAsync(m => m.ClientId == request.ClientId && m.ClientUserId == me && m.IsOwner, cancellationToken))
            throw new RuleViolationException("You own this client: make another user the owner before you leave it.");
        await ClientRules.RemoveMemberAsync(db, request.ClientId, me, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
