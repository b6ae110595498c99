using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Mail;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// Single-use links that let a client user set a password: "forgot password" and invitations. The link
/// carries a random token; the database keeps only its SHA-256 hash.
/// </summary>
public static class PasswordLinks
{
    public const string ResetPath = "login/reset";
    /// <summary>An invited person may take a while to open the mail: a week instead of the reset link's minutes.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    /// <summary>Unused, unexpired links one user may hold at once; further requests send nothing.</summary>
    public const int MaxOpenLinks = 3;

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Adds a token for the user (saved by the caller) and answers the link to put in the mail.</summary>
    public static string Issue(AppDbContext db, Guid clientUserId, Uri baseUri, DateTime now, TimeSpan lifetime, bool invitation = false)
    {
        var token = NewToken();
        db.PasswordResetTokens.Add(new PasswordResetToken { ClientUserId = clientUserId, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + lifetime });
        return new Uri(baseUri, $"{ResetPath}?token={token}{(invitation ? "&welcome=1" : "")}").ToString();
    }
}

/// <summary>"Forgot password": mails a reset link when the address belongs to an active client user. The answer is the same either way.</summary>
[Anonymous]
public sealed record RequestPasswordReset(string Email) : ICommand<Unit>;

/// <summary>Whether a reset link can still be used (the page says so before asking for a password).</summary>
[Anonymous]
public sealed record CheckPasswordResetToken(string Token) : IQuery<bool>;

/// <summary>Sets a new password through a reset or invitation link; the link is spent and other sessions end.</summary>
[Anonymous]
public sealed record ResetPassword(string Token, string Password, string ConfirmPassword) : ICommand<Unit>;

public sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordReset>
{
    public RequestPasswordResetValidator() =>
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
}

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

public sealed class PasswordResetHandlers(
    IDbContextFactory<AppDbContext> contexts, IGeneralSettingsStore settings, IMailSender mail, IPublicAddress site,
    TimeProvider clock, ILogger<PasswordResetHandlers> logger) :
    IRequestHandler<RequestPasswordReset, Unit>,
    IRequestHandler<CheckPasswordResetToken, bool>,
    IRequestHandler<ResetPassword, Unit>
{
    public const string InvalidLink = "This link has expired or was already used. Ask for a new one.";

    public async Task<Unit> Handle(RequestPasswordReset request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.ClientUsers.FirstOrDefaultAsync(u => u.Email == email && u.Status == AccountStatus.Active, cancellationToken);
        if (user is null) return Unit.Value;
        var open = await db.PasswordResetTokens.CountAsync(t => t.ClientUserId == user.Id && t.UsedAt == null && t.ExpiresAt > now, cancellationToken);
        if (open >= PasswordLinks.MaxOpenLinks) return Unit.Value;

        var minutes = Math.Max(1, (await settings.LoadAsync(cancellationToken)).Client.PasswordResetLinkMinutes);
        var link = PasswordLinks.Issue(db, user.Id, site.BaseUri, now, TimeSpan.FromMinutes(minutes));
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await mail.SendAsync(new OutgoingMail(user.Email, "Reset your PuqCloud password",
                $"""
                Hello {(user.FullName.Length > 0 ? user.FullName : user.Email)},

                Someone, hopefully you, asked to reset the password of your client-area account.
                Open this link within {minutes} minutes to choose a new password:

                {link}

                If you did not ask for this, ignore this e-mail: your password stays as it is.
                """), cancellationToken);
        }
        catch (Exception ex) when (ex is System.Net.Mail.SmtpException or IOException or InvalidOperationException)
        {
            // The page answers the same whether or not a mail went out; the operator sees why here.
            logger.LogError(ex, "The password reset e-mail for client user {ClientUserId} could not be sent", user.Id);
        }
        return Unit.Value;
    }

    public async Task<bool> Handle(CheckPasswordResetToken request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Token)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = PasswordLinks.Hash(request.Token.Trim());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PasswordResetTokens.AnyAsync(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now, cancellationToken);
    }

    public async Task<Unit> Handle(ResetPassword request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = PasswordLinks.Hash(request.Token.Trim());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await db.PasswordResetTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now, cancellationToken)
            ?? throw new RuleViolationException(InvalidLink);
        // Spend the link first and atomically: of two simultaneous uses, only one changes the password.
        var spent = await db.PasswordResetTokens.Where(t => t.Id == token.Id && t.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (spent != 1) throw new RuleViolationException(InvalidLink);
        var user = await db.ClientUsers.FirstOrDefaultAsync(u => u.Id == token.ClientUserId && u.Status == AccountStatus.Active, cancellationToken)
            ?? throw new RuleViolationException(InvalidLink);
        foreach (var problem in PasswordPolicy.Check(request.Password, user.Email))
            throw RequestValidationException.For(nameof(ResetPassword.Password), problem);

        user.PasswordHash = AccountSignIn.HashPassword(request.Password);
        user.SecurityStamp = Domain.Common.Account.NewStamp();
        user.FailedSignInCount = 0;
        user.LockoutEndsAt = null;
        // The link came by e-mail, so the address is proven.
        user.EmailVerifiedAt ??= now;
        // Other links of the same user are spent too: one new password, no second way in.
        await db.PasswordResetTokens.Where(t => t.ClientUserId == user.Id && t.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
