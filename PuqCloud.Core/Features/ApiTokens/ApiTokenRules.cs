using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ApiTokens;

/// <summary>Steps that several ApiToken use cases share.</summary>
internal static class ApiTokenRules
{
    internal static async Task<IssuedApiToken> IssueAsync(TimeProvider clock, AppDbContext db, Guid staffId, string name, TimeSpan lifetime, CancellationToken cancellationToken,
        DateTime? notAfter = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expiresAt = now + lifetime;
        if (notAfter < expiresAt) expiresAt = notAfter.Value;
        var token = ApiTokenFormat.NewToken();
        var entity = new ApiToken
        {
            StaffAccountId = staffId,
            Name = name,
            Prefix = ApiTokenFormat.PrefixOf(token),
            TokenHash = ApiTokenFormat.Hash(token),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        db.ApiTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiToken(entity.Id, token, entity.ExpiresAt);
    }
}
