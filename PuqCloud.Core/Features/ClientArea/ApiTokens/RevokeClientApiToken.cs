using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>Revokes one of the signed-in user's client API tokens for this client; revoking twice keeps the first time.</summary>
[ClientMember]
public sealed record RevokeClientApiToken(Guid ClientId, Guid Id) : ICommand<Unit>, IClientScoped;

public sealed class RevokeClientApiTokenHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TimeProvider clock)
    : IRequestHandler<RevokeClientApiToken, Unit>
{
    public async Task<Unit> Handle(RevokeClientApiToken request, CancellationToken cancellationToken)
    {
        var userId = actors.Current.ClientUserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.ClientApiTokens.FirstOrDefaultAsync(t => t.Id == request.Id && t.ClientUserId == userId && t.ClientId == request.ClientId, cancellationToken)
            ?? throw new NotFoundException("There is no such token among yours.");
        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
