using System.Data.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>Sets a new password; the new security stamp ends the administrator's existing console sessions, and their API tokens are revoked.</summary>
[RequiresPermission(Permissions.AdminsEdit)]
public sealed record ChangeAdminPassword(Guid Id, string Password, string ConfirmPassword) : ICommand<Unit>;

public sealed class ChangeAdminPasswordValidator : AbstractValidator<ChangeAdminPassword>
{
    public ChangeAdminPasswordValidator()
    {
        RuleFor(x => x.Password).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password))
                context.AddFailure(nameof(ChangeAdminPassword.Password), problem);
        });
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("The passwords do not match.");
    }
}

public sealed class ChangeAdminPasswordHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, ActorContext actors, IAccountAccess access, PermissionGrants grants,
    TimeProvider clock) : IRequestHandler<ChangeAdminPassword, Unit>
{
    public async Task<Unit> Handle(ChangeAdminPassword request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var admin = await db.StaffAccounts.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such administrator.");
        if (admin.Id == actors.Current.StaffId)
            throw new RuleViolationException("Change your own password under Password in your account menu: it asks for your current one.");
        if (admin.IsSuperAdmin) await AdminRules.RequireSuperAdminActorAsync(actors, access, "Only a super admin may change a super admin's password.", cancellationToken);
        await grants.RequireCanManageAdminAsync(db, admin.Id, cancellationToken);
        var problems = PasswordPolicy.Check(request.Password, admin.Email);
        if (problems.Count > 0) throw new RequestValidationException(new Dictionary<string, string[]> { [nameof(ChangeAdminPassword.Password)] = problems.ToArray() });
        admin.PasswordHash = passwords.Hash(request.Password);
        admin.SecurityStamp = Domain.Common.Account.NewStamp();
        admin.FailedSignInCount = 0;
        admin.LockoutEndsAt = null;
        // A password set for someone is how an account is taken back: the API tokens made before it stop too.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CredentialChanges.EndStaffWaysInAsync(db, admin.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
