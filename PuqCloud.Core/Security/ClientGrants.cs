using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Security;

/// <summary>
/// Within a client, as among staff (<see cref="PermissionGrants"/>): nobody gives a member more than they hold themselves.
/// A member who may manage users invites people, changes their permissions and removes them only within their own
/// permissions, and only for members who hold nothing they do not; the owner holds every permission and passes.
/// Without this, a user manager could invite a second login of their own with every permission.
/// </summary>
public sealed class ClientGrants(ActorContext actors, IAccountAccess access)
{
    /// <summary>Refuses unless the acting member holds every one of <paramref name="permissions"/>.</summary>
    public async Task RequireHeldAsync(Guid clientId, IEnumerable<string> permissions, string what, CancellationToken cancellationToken)
    {
        var wanted = permissions.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0 || actors.Current.IsSystem) return;
        var actor = await ActorAsync(clientId, cancellationToken);
        var missing = wanted.Where(p => !actor.Has(p)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new AccessDeniedException($"{what} needs permissions you do not hold yourself: {string.Join(", ", missing)}. Ask the owner.");
    }

    /// <summary>
    /// The acting member's access to the client, read at each check and never kept: this service (and the handlers that
    /// use it) live as long as their scope, which in the console is an open tab, and what a member holds may change meanwhile.
    /// </summary>
    private async Task<ClientAccess> ActorAsync(Guid clientId, CancellationToken cancellationToken) =>
        (actors.Current.ClientUserId is { } userId ? await access.GetClientAccessAsync(userId, clientId, cancellationToken) : null)
        ?? throw new NotFoundException("There is no such client among yours.");

    /// <summary>Refuses acting on a member who holds a permission the acting member does not.</summary>
    public async Task RequireCanManageMemberAsync(AppDbContext db, Guid clientId, Guid clientUserId, CancellationToken cancellationToken)
    {
        var member = await db.ClientMemberships.AsNoTracking().Where(m => m.ClientId == clientId && m.ClientUserId == clientUserId)
            .Select(m => new { m.IsOwner, m.Permissions }).FirstOrDefaultAsync(cancellationToken);
        // No such member, or the owner: the client's rules say what is wrong with that.
        if (member is null || member.IsOwner) return;
        await RequireHeldAsync(clientId, ClientPermissions.Parse(member.Permissions), "Changing this user", cancellationToken);
    }
}
