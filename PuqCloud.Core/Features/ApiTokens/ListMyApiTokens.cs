using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ApiTokens;

/// <summary>A token as shown in lists: never the token itself.</summary>
public sealed record ApiTokenSummary(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt, bool IsActive);

[AnyStaff]
public sealed record ListMyApiTokens : IQuery<IReadOnlyList<ApiTokenSummary>>;

public sealed class ListMyApiTokensHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TimeProvider clock) : IRequestHandler<ListMyApiTokens, IReadOnlyList<ApiTokenSummary>>
{
    public async Task<IReadOnlyList<ApiTokenSummary>> Handle(ListMyApiTokens request, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking()
            .Where(t => t.StaffAccountId == staffId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, false))
            .ToListAsync(cancellationToken);
        return tokens.Select(t => t with { IsActive = t.RevokedAt == null && t.ExpiresAt > now }).ToList();
    }
}
