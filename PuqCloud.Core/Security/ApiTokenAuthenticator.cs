using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Security;

/// <summary>Who an API token belongs to, when it is usable.</summary>
public sealed record ApiTokenOwner(Guid TokenId, Guid StaffId, string Email, string Name);

/// <summary>Looks a bearer token up by its hash for the API's authentication handler.</summary>
public sealed class ApiTokenAuthenticator(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, ILogger<ApiTokenAuthenticator> logger)
{
    /// <summary>How stale "last used" may get: the row is not rewritten on every call.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ApiTokenOwner?> AuthenticateAsync(string token, string? ip, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(ApiTokenFormat.Scheme, StringComparison.Ordinal) || token.Length > 200) return null;
        var hash = ApiTokenFormat.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.ApiTokens
            .Include(t => t.StaffAccount)
            .FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (found is null || !found.IsUsable(now) || found.StaffAccount is not { Status: AccountStatus.Active } staff) return null;
        if (!IpAllowList.Allows(staff.AllowedIps, ip))
        {
            logger.LogWarning("API call of staff {StaffId} refused: address {Ip} is not on the account's allowlist", staff.Id, ip);
            return null;
        }
        if (found.LastUsedAt is null || now - found.LastUsedAt > LastUsedResolution)
        {
            found.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return new ApiTokenOwner(found.Id, staff.Id, staff.Email, staff.FullName);
    }
}
