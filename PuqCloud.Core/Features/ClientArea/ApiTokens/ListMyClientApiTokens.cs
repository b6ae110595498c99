using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.ApiTokens;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>The signed-in user's client API tokens for this client (never the tokens themselves), newest first.</summary>
[ClientMember]
public sealed record ListMyClientApiTokens(Guid ClientId) : IQuery<IReadOnlyList<ApiTokenSummary>>, IClientScoped;

public sealed class ListMyClientApiTokensHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TimeProvider clock)
    : IRequestHandler<ListMyClientApiTokens, IReadOnlyList<ApiTokenSummary>>
{
    public async Task<IReadOnlyList<ApiTokenSummary>> Handle(ListMyClientApiTokens request, CancellationToken cancellationToken)
    {
        var userId = actors.Current.ClientUserId;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ClientApiTokens.AsNoTracking()
            .Where(t => t.ClientUserId == userId && t.ClientId == request.ClientId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, false))
            .ToListAsync(cancellationToken);
        return tokens.Select(t => t with { IsActive = t.RevokedAt == null && t.ExpiresAt > now }).ToList();
    }
}
