using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Security;

/// <summary>
/// Nobody gives an account more than they hold themselves. The staff use cases that put people into groups, change
/// what a group grants, or act on another administrator's account (password, e-mail, status, deletion) ask here
/// first. Super admins and the system hold every permission and pass; everyone else acts only within their own
/// permissions, and nobody changes their own groups.
/// </summary>
public sealed class PermissionGrants(ActorContext actors, IAccountAccess access, Modules.IPermissionCatalog catalog)
{
    /// <summary>Refuses unless the acting person holds every one of <paramref name="permissions"/>.</summary>
    public async Task RequireHeldAsync(IEnumerable<string> permissions, string what, CancellationToken cancellationToken)
    {
        var wanted = permissions.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0 || actors.Current.IsSystem) return;
        var actor = await ActorAsync(cancellationToken);
        if (actor.IsSuperAdmin) return;
        var missing = wanted.Where(p => !actor.Has(p)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new AccessDeniedException($"{what} needs permissions you do not hold yourself: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")}.");
    }

    /// <summary>Whether the acting person holds <paramref name="permission"/> (the system and super admins hold every one).</summary>
    public async Task<bool> HoldsAsync(string permission, CancellationToken cancellationToken) =>
        (await HeldAmongAsync([permission], cancellationToken)).Count == 1;

    /// <summary>Which of <paramref name="permissions"/> the acting person holds, from one read of their access.</summary>
    public async Task<IReadOnlySet<string>> HeldAmongAsync(IEnumerable<string> permissions, CancellationToken cancellationToken)
    {
        var wanted = permissions.ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0 || actors.Current.IsSystem) return wanted;
        var actor = await ActorAsync(cancellationToken);
        return actor.IsSuperAdmin ? wanted : wanted.Where(actor.Has).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Refuses putting someone into <paramref name="groupIds"/> unless the acting person holds everything those groups grant.</summary>
    public async Task RequireCanGrantGroupsAsync(AppDbContext db, IEnumerable<Guid> groupIds, CancellationToken cancellationToken)
    {
        var ids = groupIds.ToHashSet();
        if (ids.Count == 0) return;
        var granted = await db.AdminGroupPermissions.AsNoTracking().Where(p => ids.Contains(p.GroupId)).Select(p => p.Permission).Distinct().ToListAsync(cancellationToken);
        await RequireHeldAsync(await GrantingAsync(granted, cancellationToken), "Adding these groups", cancellationToken);
    }

    /// <summary>
    /// Refuses acting on an administrator who holds a permission the acting person does not: otherwise a new e-mail
    /// address or password would hand over an account with more rights than one's own.
    /// </summary>
    public async Task RequireCanManageAdminAsync(AppDbContext db, Guid adminId, CancellationToken cancellationToken)
    {
        var held = await db.StaffGroupMemberships.AsNoTracking()
            .Where(m => m.StaffAccountId == adminId && m.Group!.Type == AdminGroupType.Staff)
            .SelectMany(m => m.Group!.Permissions.Select(p => p.Permission))
            .Distinct()
            .ToListAsync(cancellationToken);
        await RequireHeldAsync(await GrantingAsync(held, cancellationToken), "Changing this administrator", cancellationToken);
    }

    /// <summary>
    /// The permissions that grant something now: a switched-off module's stay on their groups (they come back with it)
    /// but give nothing meanwhile, so nobody needs to hold them to manage the group's members.
    /// </summary>
    private async Task<IEnumerable<string>> GrantingAsync(IReadOnlyCollection<string> permissions, CancellationToken cancellationToken)
    {
        var known = (await catalog.AllAsync(cancellationToken)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return permissions.Where(known.Contains);
    }

    /// <summary>Refuses a change to one's own groups: rights come from someone else.</summary>
    public void RequireNotOwnGroups(Guid adminId)
    {
        if (actors.Current.StaffId == adminId)
            throw new AccessDeniedException("You cannot change your own groups: ask another administrator.");
    }

    private async Task<StaffAccess> ActorAsync(CancellationToken cancellationToken) =>
        actors.Current.StaffId is { } id && await access.GetStaffAccessAsync(id, cancellationToken) is { } staff
            ? staff
            : throw new AccessDeniedException("Only an active administrator may do this.");
}
