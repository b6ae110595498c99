using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Clients;

/// <summary>Steps that several Address use cases share.</summary>
internal static class AddressRules
{
    internal static AddressDto ToDto(ClientAddress a, string? countryName, string? regionName) =>
        new(a.Id, a.Type, a.Name, a.ContactName, a.Phone, a.Email, a.Address1, a.Address2, a.City, a.Postcode, a.CountryCode, countryName, a.Region, regionName ?? a.Region);

    internal static void Apply(ClientAddress address, IAddressForm form)
    {
        address.Type = form.Type;
        address.Name = form.Name.Trim();
        address.ContactName = ClientRules.Blank(form.ContactName);
        address.Phone = ClientRules.Blank(form.Phone);
        address.Email = ClientRules.Blank(form.Email);
        address.Address1 = form.Address1.Trim();
        address.Address2 = ClientRules.Blank(form.Address2);
        address.City = form.City.Trim();
        address.Postcode = ClientRules.Blank(form.Postcode);
        address.CountryCode = form.CountryCode.Trim().ToUpperInvariant();
        address.Region = ClientRules.Blank(form.Region);
    }

    internal static async Task EnsureClientAsync(AppDbContext db, Guid clientId, CancellationToken ct)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == clientId, ct)) throw new NotFoundException("There is no such client.");
    }

    internal static Task<string?> CountryNameAsync(AppDbContext db, string code, CancellationToken ct) =>
        db.Countries.Where(c => c.Code == code).Select(c => c.Name).FirstOrDefaultAsync(ct);

    internal static async Task<string?> RegionNameAsync(AppDbContext db, string? code, CancellationToken ct) =>
        code is null ? null : await db.Regions.Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct);
}
