using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>
/// Turns another administrator's two-factor sign-in off without a code: for a lost phone, or to take back an account
/// whose two-factor someone else set up. Their sessions and API tokens end; they sign in with the password alone and
/// may set two-factor up again. Oneself turns it off under My account, with a code. Only a super admin resets a super
/// admin's.
/// </summary>
[RequiresPermission(Permissions.AdminsEdit)]
public sealed record ResetAdminTwoFactor(Guid Id) : ICommand<AdminDetails>;

public sealed class ResetAdminTwoFactorHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, IAccountAccess access, PermissionGrants grants, TimeProvider clock)
    : IRequestHandler<ResetAdminTwoFactor, AdminDetails>
{
    public async Task<AdminDetails> Handle(ResetAdminTwoFactor request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var admin = await db.StaffAccounts.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such administrator.");
        if (admin.Id == actors.Current.StaffId)
            throw new RuleViolationException("Turn your own two-factor sign-in off under Two-factor in your account menu, with a code from your device.");
        if (admin.IsSuperAdmin) await AdminRules.RequireSuperAdminActorAsync(actors, access, "Only a super admin may reset a super admin's two-factor sign-in.", cancellationToken);
        await grants.RequireCanManageAdminAsync(db, admin.Id, cancellationToken);
        if (!admin.TwoFactorEnabled && admin.PendingTotpSecret is null) throw new RuleViolationException($"{admin.FullName} has no two-factor sign-in to reset.");
        admin.TwoFactorEnabled = false;
        admin.TotpSecret = null;
        admin.PendingTotpSecret = null;
        admin.LastTotpStep = null;
        (admin.FailedCodeCount, admin.CodeLockoutEndsAt) = (0, null);
        admin.SecurityStamp = Domain.Common.Account.NewStamp();
        await CredentialChanges.EndStaffWaysInAsync(db, admin.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await AdminRules.LoadDetailsAsync(db, admin.Id, cancellationToken);
    }
}
