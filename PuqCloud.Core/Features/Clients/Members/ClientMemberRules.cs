using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>Steps that several ClientMember use cases share.</summary>
internal static class ClientMemberRules
{
    internal static async Task<List<ClientMemberDto>> ListAsync(AppDbContext db, Guid clientId, Guid? userId, CancellationToken ct)
    {
        var rows = await db.ClientMemberships.AsNoTracking()
            .Where(m => m.ClientId == clientId && (userId == null || m.ClientUserId == userId))
            .Select(m => new { m.ClientUserId, m.ClientUser!.FirstName, m.ClientUser.LastName, m.ClientUser.Email, m.ClientUser.Status, m.ClientUser.TwoFactorEnabled, m.IsOwner, m.Permissions, m.CreatedAt })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.IsOwner).ThenBy(r => r.LastName).Select(r => new ClientMemberDto(r.ClientUserId, $"{r.FirstName} {r.LastName}".Trim(), r.Email, r.Status,
            r.TwoFactorEnabled, r.IsOwner, r.IsOwner ? ClientPermissions.All : ClientPermissions.Parse(r.Permissions), r.CreatedAt)).ToList();
    }
}
