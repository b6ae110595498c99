using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

[RequiresPermission(Permissions.ClientsView)]
public sealed record ListClientAddresses(Guid ClientId) : IQuery<IReadOnlyList<AddressDto>>;

public sealed class ListClientAddressesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListClientAddresses, IReadOnlyList<AddressDto>>
{
    public async Task<IReadOnlyList<AddressDto>> Handle(ListClientAddresses request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AddressRules.EnsureClientAsync(db, request.ClientId, cancellationToken);
        var rows = await db.ClientAddresses.AsNoTracking().Where(a => a.ClientId == request.ClientId)
            .Select(a => new
            {
                Address = a,
                Country = db.Countries.Where(c => c.Code == a.CountryCode).Select(c => c.Name).FirstOrDefault(),
                Region = db.Regions.Where(r => r.Code == a.Region).Select(r => r.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Address.Type).ThenBy(r => r.Address.Name).Select(r => AddressRules.ToDto(r.Address, r.Country, r.Region)).ToList();
    }
}
