using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>A client's invitations not answered yet, as its user managers and staff see and withdraw them.</summary>
public static class ClientInvitationRules
{
    /// <summary>The invitations waiting for an answer (not lapsed), newest first: the address the inviter typed, never the person's name.</summary>
    public static async Task<IReadOnlyList<ClientInvitationInfo>> ListAsync(AppDbContext db, Guid clientId, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - ClientInvitation.Lifetime;
        var rows = await db.ClientInvitations.AsNoTracking().Where(i => i.ClientId == clientId && i.CreatedAt > since)
            .Select(i => new { i.ClientUserId, i.ClientUser!.Email, i.Permissions, i.InvitedBy, i.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Email, StringComparer.Ordinal)
            .Select(r => new ClientInvitationInfo(r.ClientUserId, r.Email, ClientPermissions.Parse(r.Permissions), r.InvitedBy, r.CreatedAt))
            .ToList();
    }

    /// <summary>Withdraws one; not found when it was answered or withdrawn meanwhile.</summary>
    public static async Task WithdrawAsync(AppDbContext db, Guid clientId, Guid clientUserId, CancellationToken cancellationToken)
    {
        if (await db.ClientInvitations.Where(i => i.ClientId == clientId && i.ClientUserId == clientUserId).ExecuteDeleteAsync(cancellationToken) == 0)
            throw new NotFoundException("There is no such invitation: it may have been answered meanwhile.");
    }
}
