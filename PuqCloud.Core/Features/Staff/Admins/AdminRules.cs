using System.Data;
using System.Data.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>Steps that several Admin use cases share.</summary>
internal static class AdminRules
{
    public const string LastSuperAdminMessage =
        "This is the last active super admin: it cannot be deleted, disabled or lose super-admin rights. Make another administrator a super admin first.";

    internal static async Task RequireAnotherActiveSuperAdminAsync(AppDbContext db, Guid adminId, CancellationToken cancellationToken)
    {
        var others = await db.StaffAccounts.CountAsync(s => s.Id != adminId && s.IsSuperAdmin && s.Status == AccountStatus.Active, cancellationToken);
        if (others == 0) throw new RuleViolationException(LastSuperAdminMessage);
    }

    /// <summary>Super-admin rights are given and taken only by super admins, so that a group's "edit admins" is not a way to all permissions.</summary>
    internal static async Task RequireSuperAdminActorAsync(ActorContext actors, IAccountAccess access, string message, CancellationToken cancellationToken)
    {
        var actor = actors.Current;
        if (actor.IsSystem) return;
        var staff = actor.StaffId is { } id ? await access.GetStaffAccessAsync(id, cancellationToken) : null;
        if (staff is not { IsSuperAdmin: true }) throw new AccessDeniedException(message);
    }

    internal static async Task RequireUniqueEmailAsync(AppDbContext db, string email, Guid? exceptId, CancellationToken cancellationToken)
    {
        if (await db.StaffAccounts.AnyAsync(s => s.Email == email && s.Id != exceptId, cancellationToken))
            throw RequestValidationException.For(nameof(IAdminFields.Email), "Another administrator already has this e-mail address.");
    }

    /// <summary>The requested groups, which must all exist and be staff groups.</summary>
    internal static async Task<HashSet<Guid>> StaffGroupIdsAsync(AppDbContext db, IReadOnlyList<Guid> requested, CancellationToken cancellationToken)
    {
        var ids = requested.ToHashSet();
        if (ids.Count == 0) return ids;
        var found = await db.AdminGroups.Where(g => ids.Contains(g.Id) && g.Type == AdminGroupType.Staff).Select(g => g.Id).ToListAsync(cancellationToken);
        if (found.Count != ids.Count)
            throw RequestValidationException.For(nameof(IAdminFields.GroupIds), "Choose existing staff groups only.");
        return ids;
    }

    internal const string ConflictMessage = "Another change to administrators happened at the same time. Reload and try again.";

    internal static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (IsConflict(ex))
        {
            throw new RuleViolationException(ConflictMessage);
        }
    }

    internal static async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (IsConflict(ex))
        {
            throw new RuleViolationException(ConflictMessage);
        }
    }

    /// <summary>
    /// A unique index refused the row, or serializable isolation refused a racing transaction: SQLSTATE 40001 or
    /// 23505 on PostgreSQL; on SQL Server error 1205 (deadlock victim) or 2601/2627 (duplicate key), which
    /// SqlClient reports by number, not SQLSTATE (the provider's execution strategy may wrap any of them in an
    /// InvalidOperationException).
    /// </summary>
    internal static bool IsConflict(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is DbUpdateException || e is DbException { SqlState: "40001" or "23505" }
                || e is Microsoft.Data.SqlClient.SqlException { Number: 1205 or 2601 or 2627 }) return true;
        return false;
    }

    internal static async Task<AdminDetails> LoadDetailsAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var s = await db.StaffAccounts.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new
            {
                s.Id, s.Email, s.FirstName, s.LastName, s.Language, s.Status, s.IsSuperAdmin, s.TwoFactorEnabled, s.LastSignInAt, s.CreatedAt, s.AllowedIps, s.Revision,
                Groups = s.Groups.Select(g => new { g.GroupId, g.Group!.Name }).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("There is no such administrator.");
        return new AdminDetails(s.Id, s.Email, s.FirstName, s.LastName, $"{s.FirstName} {s.LastName}".Trim(), s.Language, s.Status, s.IsSuperAdmin,
            s.TwoFactorEnabled, s.LastSignInAt, s.CreatedAt, s.AllowedIps,
            s.Groups.OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).Select(g => new GroupRef(g.GroupId, g.Name)).ToList()) { Revision = s.Revision };
    }
}
