using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Security;

/// <summary>What a staff account may do right now.</summary>
public sealed record StaffAccess(Guid StaffId, string Email, string Name, bool IsSuperAdmin, IReadOnlySet<string> Permissions)
{
    public bool Has(string permission) => IsSuperAdmin || Permissions.Contains(permission);
}

/// <summary>
/// The database's answer to "is this account still allowed in, and with what": used by the authorization
/// behaviour on every request and by the sign-in cookies and API tokens on every HTTP request.
/// </summary>
public interface IAccountAccess
{
    Task<StaffAccess?> GetStaffAccessAsync(Guid staffId, CancellationToken cancellationToken = default);
    Task<bool> IsActiveClientUserAsync(Guid clientUserId, CancellationToken cancellationToken = default);
    /// <summary>True while the account is active and its security stamp is the one the session was issued with.</summary>
    Task<bool> IsStaffSessionValidAsync(Guid staffId, string? stamp, CancellationToken cancellationToken = default);
    Task<bool> IsClientSessionValidAsync(Guid clientUserId, string? stamp, CancellationToken cancellationToken = default);
}

public sealed class AccountAccess(IDbContextFactory<AppDbContext> contexts) : IAccountAccess
{
    public async Task<StaffAccess?> GetStaffAccessAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staff = await db.StaffAccounts.AsNoTracking()
            .Where(s => s.Id == staffId && s.Status == AccountStatus.Active)
            .Select(s => new { s.Id, s.Email, s.FirstName, s.LastName, s.IsSuperAdmin })
            .FirstOrDefaultAsync(cancellationToken);
        if (staff is null) return null;
        IReadOnlySet<string> permissions = staff.IsSuperAdmin ? Security.Permissions.All.ToHashSet() : new HashSet<string>();
        return new StaffAccess(staff.Id, staff.Email, $"{staff.FirstName} {staff.LastName}".Trim(), staff.IsSuperAdmin, permissions);
    }

    public async Task<bool> IsActiveClientUserAsync(Guid clientUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ClientUsers.AnyAsync(u => u.Id == clientUserId && u.Status == AccountStatus.Active, cancellationToken);
    }

    public async Task<bool> IsStaffSessionValidAsync(Guid staffId, string? stamp, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StaffAccounts.AnyAsync(s => s.Id == staffId && s.Status == AccountStatus.Active && s.SecurityStamp == stamp, cancellationToken);
    }

    public async Task<bool> IsClientSessionValidAsync(Guid clientUserId, string? stamp, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ClientUsers.AnyAsync(u => u.Id == clientUserId && u.Status == AccountStatus.Active && u.SecurityStamp == stamp, cancellationToken);
    }
}
