using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>A client of a user, for the "User Clients" dialog.</summary>
public sealed record UserClientDto(Guid ClientId, string Name, string? CompanyName, string? TaxId, ClientStatus Status, bool IsOwner);

[RequiresPermission(Permissions.UsersView)]
public sealed record ListUserClients(Guid UserId) : IQuery<IReadOnlyList<UserClientDto>>;

public sealed class ListUserClientsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListUserClients, IReadOnlyList<UserClientDto>>
{
    public async Task<IReadOnlyList<UserClientDto>> Handle(ListUserClients request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await UserRules.FindAsync(db, request.UserId, cancellationToken);
        var rows = await db.ClientMemberships.AsNoTracking().Where(m => m.ClientUserId == request.UserId)
            .Select(m => new { m.ClientId, m.Client!.FirstName, m.Client.LastName, m.Client.CompanyName, m.Client.TaxId, m.Client.Status, m.IsOwner })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new UserClientDto(r.ClientId, Client.NameOf(r.FirstName, r.LastName, r.CompanyName), r.CompanyName, r.TaxId, r.Status, r.IsOwner))
            .OrderBy(r => r.Name).ToList();
    }
}
