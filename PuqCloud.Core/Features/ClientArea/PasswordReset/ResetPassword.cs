using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Mail;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>Sets a new password through a reset or invitation link; the link is spent and other sessions end.</summary>
[Anonymous]
public sealed record ResetPassword(string Token, string Password, string ConfirmPassword) : ICommand<Unit>;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPassword>
{
    public ResetPasswordValidator()
    {
        RuleFor(x => x.Token).NotEmpty().WithMessage("This link is incomplete. Open the link from the e-mail again.").MaximumLength(100);
        RuleFor(x => x.Password).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password))
                context.AddFailure(nameof(ResetPassword.Password), problem);
        });
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("The passwords do not match.");
    }
}

public sealed class ResetPasswordHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, TimeProvider clock) : IRequestHandler<ResetPassword, Unit>
{
    public const string InvalidLink = "This link has expired or was already used. Ask for a new one.";

    public async Task<Unit> Handle(ResetPassword request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = PasswordLinks.Hash(request.Token.Trim());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await db.PasswordResetTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now, cancellationToken)
            ?? throw new RuleViolationException(InvalidLink);
        // The user's row first (CredentialChanges.LockClientUserAsync), then the link, spent atomically: of two simultaneous
        // uses, only one changes the password.
        await CredentialChanges.LockClientUserAsync(db, token.ClientUserId, cancellationToken);
        var spent = await db.PasswordResetTokens.Where(t => t.Id == token.Id && t.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (spent != 1) throw new RuleViolationException(InvalidLink);
        var user = await db.ClientUsers.FirstOrDefaultAsync(u => u.Id == token.ClientUserId && u.Status == AccountStatus.Active, cancellationToken)
            ?? throw new RuleViolationException(InvalidLink);
        foreach (var problem in PasswordPolicy.Check(request.Password, user.Email))
            throw RequestValidationException.For(nameof(ResetPassword.Password), problem);

        user.PasswordHash = passwords.Hash(request.Password);
        user.SecurityStamp = Domain.Common.Account.NewStamp();
        user.FailedSignInCount = 0;
        user.LockoutEndsAt = null;
        // The link came by e-mail, so the address is proven.
        user.EmailVerifiedAt ??= now;
        // Other links of the same user are spent too (one new password, no second way in), and API tokens made before it stop:
        // a reset is how a person takes their account back.
        await CredentialChanges.EndClientUserWaysInAsync(db, user.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
