using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// The signed-in user answers an invitation to a client: accepting makes them a member with the permissions it names,
/// declining drops it. Either way the invitation is gone. Staff signed in as the user cannot answer for them. Only a login
/// whose e-mail address has been proven (through a link sent to it) may accept: anyone can sign up with any address, and
/// an invitation to that address is meant for whoever reads its mail.
/// </summary>
[AnyClientUser]
[NotWhileImpersonating]
public sealed record AnswerClientInvitation(Guid ClientId, bool Accept) : ICommand<Unit>;

public sealed class AnswerClientInvitationHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TimeProvider clock) : IRequestHandler<AnswerClientInvitation, Unit>
{
    public const string UnconfirmedEmail =
        "Confirm that this e-mail address is yours before you accept: open the link in the invitation e-mail (or ask for one under \"Forgot your password?\") and choose your password.";

    public async Task<Unit> Handle(AnswerClientInvitation request, CancellationToken cancellationToken)
    {
        var me = actors.Current.ClientUserId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = await db.ClientInvitations.FirstOrDefaultAsync(i => i.ClientId == request.ClientId && i.ClientUserId == me, cancellationToken);
        if (invitation is null || !invitation.IsOpenAt(now))
            throw new NotFoundException("There is no such invitation: it may have been withdrawn, or it lapsed. Ask for a new one.");
        if (request.Accept && !await db.ClientUsers.AnyAsync(u => u.Id == me && u.EmailVerifiedAt != null, cancellationToken))
            throw new RuleViolationException(UnconfirmedEmail);
        db.ClientInvitations.Remove(invitation);
        if (request.Accept)
            await ClientRules.AddMemberAsync(db, invitation.ClientId, me, await GrantedAsync(db, invitation, cancellationToken), now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Withdrawn (or answered in another tab) meanwhile: nothing of this answer is written.
            throw new NotFoundException("There is no such invitation: it may have been withdrawn.");
        }
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>
    /// What the invitation grants now: no more than its active sender still holds in the client (the owner holds everything);
    /// an invitation of a member who has left the client would have gone with them.
    /// </summary>
    private static async Task<IReadOnlyList<string>> GrantedAsync(AppDbContext db, ClientInvitation invitation, CancellationToken cancellationToken)
    {
        var asked = ClientPermissions.Parse(invitation.Permissions);
        if (invitation.InvitedByUserId is not { } sender) return asked;
        // A sender whose login is disabled or suspended vouches for nobody, as they can no longer act for the client themselves.
        var held = await db.ClientMemberships.AsNoTracking()
                       .FirstOrDefaultAsync(m => m.ClientId == invitation.ClientId && m.ClientUserId == sender && m.ClientUser!.Status == AccountStatus.Active, cancellationToken)
                   ?? throw new NotFoundException("There is no such invitation: it may have been withdrawn, or it lapsed. Ask for a new one.");
        return held.IsOwner ? asked : asked.Intersect(ClientPermissions.Parse(held.Permissions)).ToList();
    }
}
