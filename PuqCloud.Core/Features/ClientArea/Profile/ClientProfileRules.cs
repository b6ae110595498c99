using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>Steps that several ClientProfile use cases share.</summary>
internal static class ClientProfileRules
{
    internal static async Task<ClientProfile> LoadAsync(AppDbContext db, Guid clientId, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().Include(c => c.Addresses).FirstOrDefaultAsync(c => c.Id == clientId, cancellationToken)
            ?? throw new NotFoundException("There is no such client among yours.");
        var billing = client.Addresses.FirstOrDefault(a => a.Type == AddressType.Billing) ?? new ClientAddress();
        var country = billing.CountryCode.Length > 0
            ? await db.Countries.AsNoTracking().Where(c => c.Code == billing.CountryCode).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var region = billing.Region is { } code
            ? await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new ClientProfile(client.Id, client.FirstName, client.LastName, client.CompanyName, client.TaxId, client.Phone,
            billing.Address1, billing.Address2, billing.City, billing.Postcode, billing.CountryCode, country, billing.Region, region ?? billing.Region);
    }
}
