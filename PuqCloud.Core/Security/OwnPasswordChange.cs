using FluentValidation;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Security;

/// <summary>What a person types to change their own password, staff member or client user alike.</summary>
public interface IOwnPasswordChangeRequest
{
    string CurrentPassword { get; }
    string NewPassword { get; }
    string ConfirmPassword { get; }
}

/// <summary>The form's rules, the same for staff and client users (the policy's check of the e-mail comes in the step).</summary>
public abstract class OwnPasswordChangeValidator<T> : AbstractValidator<T> where T : IOwnPasswordChangeRequest
{
    protected OwnPasswordChangeValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(PasswordPolicy.MaxLength);
        RuleFor(x => x.NewPassword).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password))
                context.AddFailure(nameof(IOwnPasswordChangeRequest.NewPassword), problem);
        });
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage("The passwords do not match.");
    }
}

/// <summary>
/// Changing one's own password in an open session, proving the current one, the same for staff and client users. Wrong
/// current passwords are counted like failed sign-ins: after five, no guess is checked for a while, so that an open
/// session (a shared computer, a copied cookie) cannot be used to find the password and take the account. The new
/// password and a new security stamp are set on the account; the caller ends the other ways in and saves.
/// </summary>
public sealed class OwnPasswordChange(PasswordHashing passwords, TimeProvider clock)
{
    public async Task ApplyAsync(AppDbContext db, Account me, IOwnPasswordChangeRequest change, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (me.IsLockedOut(now))
            throw new TooManyAttemptsException(
                $"Too many wrong passwords: try again in {Math.Ceiling((me.LockoutEndsAt!.Value - now).TotalMinutes):0} minute(s).", me.LockoutEndsAt.Value - now);
        if (!passwords.Verify(me.PasswordHash, change.CurrentPassword))
        {
            me.RecordFailedSignIn(now);
            await db.SaveChangesAsync(cancellationToken);
            throw RequestValidationException.For(nameof(IOwnPasswordChangeRequest.CurrentPassword), "This is not your current password.");
        }
        foreach (var problem in PasswordPolicy.Check(change.NewPassword, me.Email))
            throw RequestValidationException.For(nameof(IOwnPasswordChangeRequest.NewPassword), problem);
        me.PasswordHash = passwords.Hash(change.NewPassword);
        me.SecurityStamp = Account.NewStamp();
        me.FailedSignInCount = 0;
    }
}
