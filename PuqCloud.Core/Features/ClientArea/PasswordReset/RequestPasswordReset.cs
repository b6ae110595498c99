using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Mail;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>"Forgot password": mails a reset link when the address belongs to an active client user. The answer is the same either way.</summary>
[Anonymous]
public sealed record RequestPasswordReset(string Email) : ICommand<Unit>;

public sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordReset>
{
    public RequestPasswordResetValidator() =>
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
}

public sealed class RequestPasswordResetHandler(IDbContextFactory<AppDbContext> contexts, IGeneralSettingsStore settings, IMailSender mail, IPublicAddress site, TimeProvider clock, ILogger<RequestPasswordResetHandler> logger) : IRequestHandler<RequestPasswordReset, Unit>
{
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
}
