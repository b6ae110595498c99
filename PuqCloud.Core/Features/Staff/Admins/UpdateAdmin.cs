using System.Data;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>
/// Sets an administrator's fields (the whole form). <see cref="Revision"/> is the one the form was read at; a save from an
/// older one is refused, so it cannot undo a colleague's change (null: no check, as the API's merge of a fresh read).
/// </summary>
[RequiresPermission(Permissions.AdminsEdit)]
public sealed record UpdateAdmin(Guid Id, string Email, string FirstName, string LastName, string Language, AccountStatus Status, bool IsSuperAdmin,
    IReadOnlyList<Guid> GroupIds, string? AllowedIps, int? Revision = null) : ICommand<AdminDetails>, IAdminFields;

public sealed class UpdateAdminValidator : AdminFieldsValidator<UpdateAdmin>
{
    public UpdateAdminValidator()
    {
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.AllowedIps).MaximumLength(2000).WithMessage("The list is too long: use CIDR ranges instead of single addresses.")
            .Custom((text, context) =>
            {
                var invalid = IpAllowList.Invalid(text);
                if (invalid.Count > 0)
                    context.AddFailure(nameof(UpdateAdmin.AllowedIps), $"Not an IP address or CIDR range: {string.Join(", ", invalid.Take(5))}.");
            });
    }
}

public sealed class UpdateAdminHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, IAccountAccess access, PermissionGrants grants, TimeProvider clock)
    : IRequestHandler<UpdateAdmin, AdminDetails>
{
    public async Task<AdminDetails> Handle(UpdateAdmin request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Serializable: two people demoting the last two super admins at once must not both succeed.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var admin = await db.StaffAccounts.Include(s => s.Groups).FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such administrator.");
        if (admin.IsSuperAdmin || request.IsSuperAdmin)
            await AdminRules.RequireSuperAdminActorAsync(actors, access, "Only a super admin may change a super admin or grant super-admin rights.", cancellationToken);
        var losesSuperAdmin = admin.IsSuperAdmin && admin.Status == AccountStatus.Active && (!request.IsSuperAdmin || request.Status != AccountStatus.Active);
        if (losesSuperAdmin) await AdminRules.RequireAnotherActiveSuperAdminAsync(db, admin.Id, cancellationToken);
        if (admin.Id == actors.Current.StaffId && request.Status != AccountStatus.Active)
            throw new RuleViolationException("You cannot disable your own account.");

        var allowedIps = IpAllowList.Normalize(request.AllowedIps);
        // One's own list without the address one works from signs one out at once (for the last super admin, for good).
        if (admin.Id == actors.Current.StaffId && !IpAllowList.Allows(allowedIps, actors.Current.Ip))
            throw RequestValidationException.For(nameof(UpdateAdmin.AllowedIps),
                $"The list does not include the address you are using ({actors.Current.Ip ?? "unknown"}): saving it would sign you out at once.");

        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        await AdminRules.RequireUniqueEmailAsync(db, email, admin.Id, cancellationToken);
        await grants.RequireCanManageAdminAsync(db, admin.Id, cancellationToken);
        if (request.Revision is { } read && read != admin.Revision) throw RuleViolationException.ChangedSinceRead(admin.FullName);
        var groupIds = await AdminRules.StaffGroupIdsAsync(db, request.GroupIds, cancellationToken);
        var addedGroups = groupIds.Where(id => admin.Groups.All(m => m.GroupId != id)).ToList();
        if (addedGroups.Count > 0 || admin.Groups.Any(m => !groupIds.Contains(m.GroupId))) grants.RequireNotOwnGroups(admin.Id);
        await grants.RequireCanGrantGroupsAsync(db, addedGroups, cancellationToken);
        admin.Email = email;
        admin.FirstName = request.FirstName.Trim();
        admin.LastName = request.LastName.Trim();
        admin.Language = request.Language;
        if (admin.Status == AccountStatus.Active && request.Status != AccountStatus.Active)
        {
            // Disabling is how an account is taken back: its sessions and API tokens end for good, not only while it is
            // disabled (enabling it again must not bring back a token or a cookie whoever held them kept).
            admin.SecurityStamp = Domain.Common.Account.NewStamp();
            try
            {
                await CredentialChanges.EndStaffWaysInAsync(db, admin.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
            }
            catch (Exception ex) when (AdminRules.IsConflict(ex))
            {
                // A token in use at this moment (its last use written) made the serializable transaction give way.
                throw new RuleViolationException(AdminRules.ConflictMessage);
            }
        }
        admin.Status = request.Status;
        admin.IsSuperAdmin = request.IsSuperAdmin;
        admin.AllowedIps = allowedIps;
        admin.Groups.RemoveAll(m => !groupIds.Contains(m.GroupId));
        admin.Groups.AddRange(addedGroups.Select(id => new StaffGroupMembership { GroupId = id }));
        if (db.ChangeTracker.HasChanges()) admin.Revision++; // a save that changes nothing leaves open forms valid
        await AdminRules.SaveAsync(db, cancellationToken);
        await AdminRules.CommitAsync(transaction, cancellationToken);
        return await AdminRules.LoadDetailsAsync(db, admin.Id, cancellationToken);
    }
}
