using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>One address of a client, as the addresses list shows it.</summary>
[RequiresPermission(Permissions.ClientsView)]
public sealed record GetClientAddress(Guid ClientId, Guid AddressId) : IQuery<AddressDto>;

public sealed class GetClientAddressHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetClientAddress, AddressDto>
{
    public async Task<AddressDto> Handle(GetClientAddress request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var address = await db.ClientAddresses.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.AddressId && a.ClientId == request.ClientId, cancellationToken)
            ?? throw new NotFoundException("There is no such address.");
        return AddressRules.ToDto(address, await AddressRules.CountryNameAsync(db, address.CountryCode, cancellationToken),
            await AddressRules.RegionNameAsync(db, address.Region, cancellationToken));
    }
}
