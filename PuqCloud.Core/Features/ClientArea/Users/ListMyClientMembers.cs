using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Mail;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>A person with access to the client, as its Users page lists them.</summary>
public sealed record ClientMemberInfo(Guid ClientUserId, string Name, string Email, bool IsOwner, IReadOnlyList<string> Permissions, bool TwoFactorEnabled, bool HasSignedIn, bool IsMe);

[ClientMember(ClientPermissions.ManageUsers)]
public sealed record ListMyClientMembers(Guid ClientId) : IQuery<IReadOnlyList<ClientMemberInfo>>, IClientScoped;

public sealed class ListMyClientMembersHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors) : IRequestHandler<ListMyClientMembers, IReadOnlyList<ClientMemberInfo>>
{
    public async Task<IReadOnlyList<ClientMemberInfo>> Handle(ListMyClientMembers request, CancellationToken cancellationToken)
    {
        var me = actors.Current.ClientUserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ClientMemberships.AsNoTracking().Where(m => m.ClientId == request.ClientId)
            .Select(m => new { m.ClientUserId, m.ClientUser!.FirstName, m.ClientUser.LastName, m.ClientUser.Email, m.IsOwner, m.Permissions, m.ClientUser.TwoFactorEnabled, m.ClientUser.LastSignInAt })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new ClientMemberInfo(r.ClientUserId, $"{r.FirstName} {r.LastName}".Trim(), r.Email, r.IsOwner,
                r.IsOwner ? ClientPermissions.All : ClientPermissions.Parse(r.Permissions),
                r.TwoFactorEnabled, r.LastSignInAt is not null, r.ClientUserId == me))
            .OrderByDescending(m => m.IsOwner).ThenBy(m => m.Email, StringComparer.Ordinal)
            .ToList();
    }
}
