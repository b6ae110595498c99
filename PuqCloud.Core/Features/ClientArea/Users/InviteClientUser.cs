using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Mail;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// What an invitation did: a new login was made with access to the client (and mailed a link), or an existing login was
/// invited and becomes a member only once it accepts (<see cref="Pending"/>).
/// </summary>
public sealed record InvitationResult(Guid ClientUserId, bool CreatedNewUser, bool MailSent, bool Pending = false);

/// <summary>
/// Gives a person access to the client. A new address gets a login without a usable password, access at once and an
/// e-mail with a link to choose a password. An existing client user is invited (<see cref="ClientInvitation"/>) and
/// becomes a member only by accepting: nobody is put into a client they did not choose, and the client learns nothing
/// of them (name, second factor, sign-ins) before then. The e-mail goes out from the host's own address to anyone typed
/// here, and anyone may sign up: so a person sends at most <see cref="InviteClientUserHandler.PerDay"/> invitations in 24
/// hours (withdrawing one does not give it back), the subject is the host's own words, and the client's and inviter's
/// names in the text are single lines of plain text.
/// </summary>
[ClientMember(ClientPermissions.ManageUsers)]
[NotWhileImpersonating]
public sealed record InviteClientUser(Guid ClientId, string Email, string? FirstName, string? LastName, IReadOnlyList<string> Permissions)
    : ICommand<InvitationResult>, IClientScoped;

public sealed class InviteClientUserValidator : AbstractValidator<InviteClientUser>
{
    public InviteClientUserValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter the person's e-mail address.")
            .MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.FirstName).MaximumLength(100);
        RuleFor(x => x.LastName).MaximumLength(100);
    }
}

public sealed class InviteClientUserHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, ActorContext actors, ClientGrants grants, IMailSender mail, IPublicAddress site, TimeProvider clock, ILogger<InviteClientUserHandler> logger) : IRequestHandler<InviteClientUser, InvitationResult>
{
    /// <summary>Invitations one person may send in 24 hours.</summary>
    public const int PerDay = 20;

    private const string Subject = "You are invited to a PuqCloud client area";

    /// <summary>
    /// Refused (429) once the person sent <see cref="PerDay"/> invitations in the last 24 hours, counted from the activity
    /// log, which keeps them when an invitation is withdrawn. Call it in the invitation's transaction.
    /// </summary>
    private static async Task ThrottleAsync(AppDbContext db, Guid? clientUserId, DateTime now, CancellationToken cancellationToken)
    {
        if (clientUserId is null) return;
        // The inviter's row lock queues their invitations one after another, each counting those committed before it.
        await CredentialChanges.LockClientUserAsync(db, clientUserId.Value, cancellationToken);
        var since = now.AddDays(-1);
        var sent = await db.ActivityLog.AsNoTracking()
            .Where(e => e.At > since && e.Action == nameof(InviteClientUser) && e.ActorKind == Domain.Audit.ActorKind.ClientUser && e.ActorId == clientUserId && e.Succeeded)
            .OrderBy(e => e.At).Select(e => e.At).ToListAsync(cancellationToken);
        if (sent.Count < PerDay) return;
        var wait = sent[^PerDay].AddDays(1) - now;
        throw new TooManyAttemptsException($"You have sent {PerDay} invitations in the last 24 hours: wait before inviting more people.", wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(1));
    }

    private static async Task<string> ClientNameAsync(AppDbContext db, Guid clientId, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.CompanyName, c.FirstName, c.LastName }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("There is no such client among yours.");
        return Client.NameOf(client.FirstName, client.LastName, client.CompanyName);
    }

    public async Task<InvitationResult> Handle(InviteClientUser request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        await grants.RequireHeldAsync(request.ClientId, request.Permissions, "Giving these permissions", cancellationToken);
        // Both e-mails link to the site: without its address nothing is written.
        var home = site.BaseUri;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ThrottleAsync(db, actors.Current.ClientUserId, now, cancellationToken);
        var clientName = MailText.OneLine(await ClientNameAsync(db, request.ClientId, cancellationToken));
        var user = await db.ClientUsers.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
        var created = user is null;
        string? link = null;
        if (user is null)
        {
            user = new ClientUser
            {
                Email = email,
                FirstName = request.FirstName?.Trim() ?? "",
                LastName = request.LastName?.Trim() ?? "",
                // Nobody knows this password: the person chooses their own through the link.
                PasswordHash = passwords.Hash(PasswordLinks.NewToken()),
            };
            db.ClientUsers.Add(user);
            link = PasswordLinks.Issue(db, user.Id, site.BaseUri, now, PasswordLinks.InvitationLifetime, invitation: true).Url;
        }
        else if (await db.ClientMemberships.AnyAsync(m => m.ClientId == request.ClientId && m.ClientUserId == user.Id, cancellationToken))
        {
            throw RequestValidationException.For(nameof(InviteClientUser.Email), "This person already has access to the client.");
        }
        else if (await db.ClientInvitations.FirstOrDefaultAsync(i => i.ClientId == request.ClientId && i.ClientUserId == user.Id, cancellationToken) is { } earlier)
        {
            if (earlier.IsOpenAt(now))
                throw RequestValidationException.For(nameof(InviteClientUser.Email), "This person is invited already and has not answered yet.");
            // A lapsed invitation makes way for the new one.
            db.ClientInvitations.Remove(earlier);
            await db.SaveChangesAsync(cancellationToken);
        }
        if (!created && user.EmailVerifiedAt is null)
        {
            // A login whose address nobody has proven may be anyone's (sign-up takes any address): the invitation's mail
            // carries a password link, so whoever reads it takes the login over and can accept; until then nobody can.
            link = PasswordLinks.Issue(db, user.Id, site.BaseUri, now, PasswordLinks.InvitationLifetime, invitation: true).Url;
        }
        var inviter = MailText.OneLine(actors.Current.Name ?? "A colleague");
        if (created)
            await ClientRules.AddMemberAsync(db, request.ClientId, user.Id, request.Permissions, now, cancellationToken);
        else
            db.ClientInvitations.Add(new ClientInvitation
            {
                ClientId = request.ClientId, ClientUserId = user.Id, Permissions = ClientRules.NormalizePermissions(request.Permissions),
                InvitedBy = inviter, InvitedByUserId = actors.Current.ClientUserId, CreatedAt = now,
            });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new RuleViolationException("Someone else changed this client's users at the same moment. Reload and try again.");
        }

        var message = created
            ? new OutgoingMail(user.Email, Subject,
                $"""
                Hello,

                {inviter} gave you access to {clientName} in the PuqCloud client area.
                Open this link within {PasswordLinks.InvitationLifetime.TotalDays:0} days to choose your password:

                {link}

                Then sign in with this e-mail address.
                """)
            : link is not null
                ? new OutgoingMail(user.Email, Subject,
                    $"""
                    Hello {(user.FullName.Length > 0 ? MailText.OneLine(user.FullName) : user.Email)},

                    {inviter} invites you to {clientName} in the PuqCloud client area.
                    To accept, first confirm that this address is yours: open this link within {PasswordLinks.InvitationLifetime.TotalDays:0} days and choose your password.

                    {link}

                    Then accept or decline the invitation on your home page.
                    """)
                : new OutgoingMail(user.Email, Subject,
                    $"""
                    Hello {(user.FullName.Length > 0 ? MailText.OneLine(user.FullName) : user.Email)},

                    {inviter} invites you to {clientName} in the PuqCloud client area.
                    Sign in as usual to accept or decline the invitation on your home page:

                    {home}
                    """);
        var sent = true;
        try
        {
            await mail.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Net.Mail.SmtpException or IOException or InvalidOperationException or FormatException or ArgumentException)
        {
            logger.LogError(ex, "The invitation e-mail for client user {ClientUserId} could not be sent", user.Id);
            sent = false;
        }
        return new InvitationResult(user.Id, created, sent, Pending: !created);
    }
}
