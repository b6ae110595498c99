using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Modules.Abstractions;
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

public sealed class RequestPasswordResetHandler(IDbContextFactory<AppDbContext> contexts, IGeneralSettingsStore settings, ISecretProtector secrets,
    ITaskQueue tasks, IPublicAddress site, TimeProvider clock) : IRequestHandler<RequestPasswordReset, Unit>
{
    public async Task<Unit> Handle(RequestPasswordReset request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.ClientUsers.FirstOrDefaultAsync(u => u.Email == email && u.Status == AccountStatus.Active, cancellationToken);
        if (user is null) return Unit.Value;
        // The user's row lock queues requests for one address one after another, each counting the links committed before
        // it: counted side by side, a burst of posts got past the cap and mailed the address a link each.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CredentialChanges.LockClientUserAsync(db, user.Id, cancellationToken);
        var open = await db.PasswordResetTokens.CountAsync(t => t.ClientUserId == user.Id && t.UsedAt == null && t.ExpiresAt > now, cancellationToken);
        if (open >= PasswordLinks.MaxOpenLinks) return Unit.Value;

        // The token is made here; the mail goes out from the task queue (PasswordResetMail), which reads the link
        // encrypted from the token's row: the task's input holds only the row's id.
        var minutes = Math.Max(1, (await settings.LoadAsync(cancellationToken)).Client.PasswordResetLinkMinutes);
        var (token, link) = PasswordLinks.Issue(db, user.Id, site.BaseUri, now, TimeSpan.FromMinutes(minutes));
        token.PendingLink = secrets.Protect(link);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await tasks.EnqueueAsync(PasswordResetMail.Request(token.Id), cancellationToken);
        return Unit.Value;
    }
}
