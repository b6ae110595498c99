using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Security;

/// <summary>What a staff account may do right now.</summary>
public sealed record StaffAccess(Guid StaffId, string Email, string Name, bool IsSuperAdmin, IReadOnlySet<string> Permissions)
{
    private const string View = ".view";
    private const string Edit = ".edit";

    /// <summary>What the staff member may do: their groups' permissions and the views their edit permissions include.</summary>
    public IEnumerable<string> Effective =>
        Permissions.Concat(Permissions.Where(p => p.EndsWith(Edit, StringComparison.Ordinal)).Select(p => string.Concat(p.AsSpan(0, p.Length - Edit.Length), View)))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Whether the staff member holds <paramref name="permission"/>; editing something includes seeing it (X.edit grants X.view).</summary>
    public bool Has(string permission) =>
        IsSuperAdmin || Permissions.Contains(permission)
        || permission.EndsWith(View, StringComparison.Ordinal) && Permissions.Contains(string.Concat(permission.AsSpan(0, permission.Length - View.Length), Edit));
}

/// <summary>What a client user may do within one client.</summary>
public sealed record ClientAccess(Guid ClientId, Guid ClientUserId, bool IsOwner, IReadOnlySet<string> Permissions)
{
    public bool Has(string permission) => IsOwner || Permissions.Contains(permission);
}

/// <summary>
/// The database's answer to "is this account still allowed in, and with what": used by the authorization
/// behaviour on every request and by the sign-in cookies and API tokens on every HTTP request.
/// </summary>
public interface IAccountAccess
{
    /// <summary>The staff member's permissions (union of their groups), or null when the account is not active.</summary>
    Task<StaffAccess?> GetStaffAccessAsync(Guid staffId, CancellationToken cancellationToken = default);
    Task<bool> IsActiveClientUserAsync(Guid clientUserId, CancellationToken cancellationToken = default);
    /// <summary>The user's access to the client, or null when they do not belong to it (or are not active).</summary>
    Task<ClientAccess?> GetClientAccessAsync(Guid clientUserId, Guid clientId, CancellationToken cancellationToken = default);
    /// <summary>True while the account is active, its security stamp is the one the session was issued with and the address is allowed.</summary>
    Task<bool> IsStaffSessionValidAsync(Guid staffId, string? stamp, string? ip, CancellationToken cancellationToken = default);
    Task<bool> IsClientSessionValidAsync(Guid clientUserId, string? stamp, CancellationToken cancellationToken = default);
    /// <summary>
    /// Whether a "Sign in as client" session may go on: the staff member who opened it is still signed in with the
    /// same stamp, from an allowed address, and still holds the permission to sign in as a client.
    /// </summary>
    Task<bool> MayStillSignInAsClientAsync(Guid staffId, string? stamp, string? ip, CancellationToken cancellationToken = default);
}

public sealed class AccountAccess(IDbContextFactory<AppDbContext> contexts, Modules.IPermissionCatalog catalog) : IAccountAccess
{
    public async Task<StaffAccess?> GetStaffAccessAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staff = await db.StaffAccounts.AsNoTracking()
            .Where(s => s.Id == staffId && s.Status == AccountStatus.Active)
            .Select(s => new { s.Id, s.Email, s.FirstName, s.LastName, s.IsSuperAdmin })
            .FirstOrDefaultAsync(cancellationToken);
        if (staff is null) return null;
        IReadOnlySet<string> permissions = staff.IsSuperAdmin
            ? (await catalog.AllAsync(cancellationToken)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal)
            : (await db.StaffGroupMemberships.AsNoTracking()
                .Where(m => m.StaffAccountId == staffId && m.Group!.Type == AdminGroupType.Staff)
                .SelectMany(m => m.Group!.Permissions.Select(p => p.Permission))
                .Distinct()
                .ToListAsync(cancellationToken)).ToHashSet();
        return new StaffAccess(staff.Id, staff.Email, $"{staff.FirstName} {staff.LastName}".Trim(), staff.IsSuperAdmin, permissions);
    }

    public async Task<bool> IsActiveClientUserAsync(Guid clientUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ClientUsers.AnyAsync(u => u.Id == clientUserId && u.Status == AccountStatus.Active, cancellationToken);
    }

    public async Task<ClientAccess?> GetClientAccessAsync(Guid clientUserId, Guid clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var membership = await db.ClientMemberships.AsNoTracking()
            .Where(m => m.ClientUserId == clientUserId && m.ClientId == clientId && m.ClientUser!.Status == AccountStatus.Active)
            .Select(m => new { m.IsOwner, m.Permissions })
            .FirstOrDefaultAsync(cancellationToken);
        if (membership is null) return null;
        var permissions = ClientPermissions.Parse(membership.Permissions).ToHashSet(StringComparer.Ordinal);
        return new ClientAccess(clientId, clientUserId, membership.IsOwner, membership.IsOwner ? ClientPermissions.All.ToHashSet() : permissions);
    }

    public async Task<bool> IsStaffSessionValidAsync(Guid staffId, string? stamp, string? ip, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staff = await db.StaffAccounts.AsNoTracking()
            .Where(s => s.Id == staffId && s.Status == AccountStatus.Active && s.SecurityStamp == stamp)
            .Select(s => new { s.AllowedIps })
            .FirstOrDefaultAsync(cancellationToken);
        return staff is not null && IpAllowList.Allows(staff.AllowedIps, ip);
    }

    public async Task<bool> MayStillSignInAsClientAsync(Guid staffId, string? stamp, string? ip, CancellationToken cancellationToken = default) =>
        await IsStaffSessionValidAsync(staffId, stamp, ip, cancellationToken)
        && (await GetStaffAccessAsync(staffId, cancellationToken))?.Has(Permissions.ClientsSignInAs) == true;

    public async Task<bool> IsClientSessionValidAsync(Guid clientUserId, string? stamp, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ClientUsers.AnyAsync(u => u.Id == clientUserId && u.Status == AccountStatus.Active && u.SecurityStamp == stamp, cancellationToken);
    }
}
