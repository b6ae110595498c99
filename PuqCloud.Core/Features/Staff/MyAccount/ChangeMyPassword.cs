using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff.MyAccount;

/// <summary>
/// A staff member changes their own password, proving the current one: every staff member may, whatever their groups
/// (setting someone's password, ChangeAdminPassword, needs staff.admins.edit and is not for oneself). The security stamp
/// changes, so every session of the account ends (this one too: one signs in again with the new password), and the API
/// tokens are revoked. Wrong current passwords count like failed sign-ins: after five, none is checked for a while.
/// </summary>
[AnyStaff]
public sealed record ChangeMyPassword(string CurrentPassword, string NewPassword, string ConfirmPassword) : ICommand<Unit>;

public sealed class ChangeMyPasswordValidator : AbstractValidator<ChangeMyPassword>
{
    public ChangeMyPasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(PasswordPolicy.MaxLength);
        RuleFor(x => x.NewPassword).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password))
                context.AddFailure(nameof(ChangeMyPassword.NewPassword), problem);
        });
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage("The passwords do not match.");
    }
}

public sealed class ChangeMyPasswordHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, ActorContext actors, TimeProvider clock)
    : IRequestHandler<ChangeMyPassword, Unit>
{
    public async Task<Unit> Handle(ChangeMyPassword request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await MyAccountRules.LoadMeAsync(actors, db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (me.IsLockedOut(now))
            throw new TooManyAttemptsException(
                $"Too many wrong passwords: try again in {Math.Ceiling((me.LockoutEndsAt!.Value - now).TotalMinutes):0} minute(s).", me.LockoutEndsAt.Value - now);
        if (!passwords.Verify(me.PasswordHash, request.CurrentPassword))
        {
            me.RecordFailedSignIn(now);
            await db.SaveChangesAsync(cancellationToken);
            throw RequestValidationException.For(nameof(ChangeMyPassword.CurrentPassword), "This is not your current password.");
        }
        foreach (var problem in PasswordPolicy.Check(request.NewPassword, me.Email))
            throw RequestValidationException.For(nameof(ChangeMyPassword.NewPassword), problem);
        me.PasswordHash = passwords.Hash(request.NewPassword);
        me.SecurityStamp = Domain.Common.Account.NewStamp();
        me.FailedSignInCount = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CredentialChanges.EndStaffWaysInAsync(db, me.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
