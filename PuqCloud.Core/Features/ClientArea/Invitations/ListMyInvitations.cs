using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// An invitation to the signed-in user: the client, who invited them, and what they would be allowed there.
/// <see cref="EmailConfirmed"/>: the user's address is proven, so they may accept (<see cref="AnswerClientInvitation"/>).
/// </summary>
public sealed record MyInvitation(Guid ClientId, string ClientName, string InvitedBy, IReadOnlyList<string> Permissions, DateTime InvitedAt, bool EmailConfirmed);

/// <summary>The invitations to the signed-in user that wait for their answer, oldest first.</summary>
[AnyClientUser]
public sealed record ListMyInvitations : IQuery<IReadOnlyList<MyInvitation>>;

public sealed class ListMyInvitationsHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TimeProvider clock) : IRequestHandler<ListMyInvitations, IReadOnlyList<MyInvitation>>
{
    public async Task<IReadOnlyList<MyInvitation>> Handle(ListMyInvitations request, CancellationToken cancellationToken)
    {
        var me = actors.Current.ClientUserId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var confirmed = await db.ClientUsers.AnyAsync(u => u.Id == me && u.EmailVerifiedAt != null, cancellationToken);
        var since = clock.GetUtcNow().UtcDateTime - ClientInvitation.Lifetime;
        var rows = await db.ClientInvitations.AsNoTracking().Where(i => i.ClientUserId == me && i.CreatedAt > since)
            .Select(i => new { i.ClientId, i.Client!.CompanyName, i.Client.FirstName, i.Client.LastName, i.InvitedBy, i.Permissions, i.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.ClientId)
            .Select(r => new MyInvitation(r.ClientId, Client.NameOf(r.FirstName, r.LastName, r.CompanyName), r.InvitedBy,
                ClientPermissions.Parse(r.Permissions), r.CreatedAt, confirmed))
            .ToList();
    }
}
