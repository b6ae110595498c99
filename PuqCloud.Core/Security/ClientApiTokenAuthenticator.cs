using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Security;

/// <summary>Who a client API token acts as, when it is usable: the user, and the one client it was made for.</summary>
public sealed record ClientApiTokenOwner(Guid TokenId, Guid ClientUserId, Guid ClientId, string Email, string Name);

/// <summary>
/// Looks a client API bearer token up by its hash. Usable while it is neither revoked nor expired, its user is active
/// and still a member of its client; what the user may do there is decided per request, as in the client area.
/// </summary>
public sealed class ClientApiTokenAuthenticator(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    /// <summary>How stale "last used" may get: the row is not rewritten on every call.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ClientApiTokenOwner?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(ApiTokenFormat.ClientScheme, StringComparison.Ordinal) || token.Length > 200) return null;
        var hash = ApiTokenFormat.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.ClientApiTokens.Include(t => t.ClientUser).FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (found is null || !found.IsUsable(now) || found.ClientUser is not { Status: AccountStatus.Active } user) return null;
        if (!await db.ClientMemberships.AnyAsync(m => m.ClientId == found.ClientId && m.ClientUserId == user.Id, cancellationToken)) return null;
        if (found.LastUsedAt is null || now - found.LastUsedAt > LastUsedResolution)
        {
            found.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return new ClientApiTokenOwner(found.Id, user.Id, found.ClientId, user.Email, $"{user.FirstName} {user.LastName}".Trim());
    }
}
