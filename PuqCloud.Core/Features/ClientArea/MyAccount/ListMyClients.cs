using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>A client the signed-in user belongs to, with what they may do there.</summary>
public sealed record MyClient(Guid ClientId, string Name, bool IsOwner, IReadOnlyList<string> Permissions)
{
    public bool Has(string permission) => IsOwner || Permissions.Contains(permission);
}

/// <summary>The clients the signed-in user belongs to: owned ones first, then by name.</summary>
[AnyClientUser]
public sealed record ListMyClients : IQuery<IReadOnlyList<MyClient>>;

public sealed class ListMyClientsHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors) : IRequestHandler<ListMyClients, IReadOnlyList<MyClient>>
{
    public async Task<IReadOnlyList<MyClient>> Handle(ListMyClients request, CancellationToken cancellationToken)
    {
        var id = actors.Current.ClientUserId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var opened = actors.Current.ImpersonatedClientId;
        // A session staff opened as the client shows that client only (the login may belong to others).
        var rows = await db.ClientMemberships.AsNoTracking().Where(m => m.ClientUserId == id && (opened == null || m.ClientId == opened))
            .Select(m => new { m.ClientId, m.Client!.CompanyName, m.Client.FirstName, m.Client.LastName, m.IsOwner, m.Permissions })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new MyClient(r.ClientId, Client.NameOf(r.FirstName, r.LastName, r.CompanyName), r.IsOwner,
                r.IsOwner ? ClientPermissions.All : ClientPermissions.Parse(r.Permissions)))
            .OrderByDescending(c => c.IsOwner).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.ClientId)
            .ToList();
    }
}
