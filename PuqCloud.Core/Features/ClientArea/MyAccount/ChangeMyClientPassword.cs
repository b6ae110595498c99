using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>Changes the user's own password; answers the new session (the security stamp changes, other sessions end).</summary>
[AnyClientUser]
[NotWhileImpersonating]
public sealed record ChangeMyClientPassword(string CurrentPassword, string NewPassword, string ConfirmPassword) : ICommand<SignInResult>;

public sealed class ChangeMyClientPasswordValidator : AbstractValidator<ChangeMyClientPassword>
{
    public ChangeMyClientPasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(PasswordPolicy.MaxLength);
        RuleFor(x => x.NewPassword).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password))
                context.AddFailure(nameof(ChangeMyClientPassword.NewPassword), problem);
        });
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage("The passwords do not match.");
    }
}

public sealed class ChangeMyClientPasswordHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, ActorContext actors, TimeProvider clock) : IRequestHandler<ChangeMyClientPassword, SignInResult>
{
    public async Task<SignInResult> Handle(ChangeMyClientPassword request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await MyClientAccountRules.LoadMeAsync(actors, db, cancellationToken);
        // Wrong current passwords are counted: after five, no guess is checked for a while, so that an open session (a
        // shared computer, a copied cookie) cannot be used to find the password and take the account.
        var at = clock.GetUtcNow().UtcDateTime;
        if (me.IsLockedOut(at))
            throw new TooManyAttemptsException(
                $"Too many wrong passwords: try again in {Math.Ceiling((me.LockoutEndsAt!.Value - at).TotalMinutes):0} minute(s).", me.LockoutEndsAt.Value - at);
        if (!passwords.Verify(me.PasswordHash, request.CurrentPassword))
        {
            me.RecordFailedSignIn(at);
            await db.SaveChangesAsync(cancellationToken);
            throw RequestValidationException.For(nameof(ChangeMyClientPassword.CurrentPassword), "This is not your current password.");
        }
        foreach (var problem in PasswordPolicy.Check(request.NewPassword, me.Email))
            throw RequestValidationException.For(nameof(ChangeMyClientPassword.NewPassword), problem);
        var now = clock.GetUtcNow().UtcDateTime;
        me.PasswordHash = passwords.Hash(request.NewPassword);
        me.SecurityStamp = Domain.Common.Account.NewStamp();
        me.FailedSignInCount = 0;
        // A reset link asked for before the change, or an API token made before it (perhaps by whoever the change shuts
        // out), no longer lets anyone in.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CredentialChanges.EndClientUserWaysInAsync(db, me.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SignInResult(SignInOutcome.Succeeded, me.Id, me.Email, me.FullName, me.SecurityStamp);
    }
}
