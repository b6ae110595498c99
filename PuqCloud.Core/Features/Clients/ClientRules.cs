using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Finance.Vies;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>The fields of an address, shared by the client's billing address at creation and the Profile tab.</summary>
public interface IAddressFields
{
    string Address1 { get; }
    string? Address2 { get; }
    string City { get; }
    string? Postcode { get; }
    string CountryCode { get; }
    string? Region { get; }
}

public sealed record AddressFields(string Address1, string? Address2, string City, string? Postcode, string CountryCode, string? Region) : IAddressFields;

/// <summary>Address rules: required lines, a known country, and a region of that country when it has listed regions.</summary>
public sealed class AddressFieldsValidator<T> : AbstractValidator<T> where T : IAddressFields
{
    public AddressFieldsValidator(IDbContextFactory<AppDbContext> contexts)
    {
        RuleFor(x => x.Address1).NotEmpty().WithMessage("Enter the street address.").MaximumLength(200);
        RuleFor(x => x.Address2).MaximumLength(200);
        RuleFor(x => x.City).NotEmpty().WithMessage("Enter the city.").MaximumLength(100);
        RuleFor(x => x.Postcode).MaximumLength(20);
        RuleFor(x => x.CountryCode).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Choose a country.").KnownCountry(contexts);
        RuleFor(x => x.Region).MaximumLength(100).RegionOf(x => x.CountryCode, contexts);
    }
}

/// <summary>
/// The rules of clients and their users that staff pages, client-area pages and sign-up share:
/// a client is created with its owner and billing address; it has exactly one owner; the owner holds
/// every client permission and cannot be removed, only replaced.
/// </summary>
public static class ClientRules
{
    /// <summary>Known client permissions, sorted and comma-joined for storage; unknown ones are a field error.</summary>
    public static string NormalizePermissions(IEnumerable<string>? permissions, string field = "Permissions")
    {
        var list = (permissions ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var unknown = list.Where(p => !ClientPermissions.IsKnown(p)).ToList();
        if (unknown.Count > 0) throw RequestValidationException.For(field, $"Unknown client permission(s): {string.Join(", ", unknown)}.");
        return string.Join(',', list.Order(StringComparer.Ordinal));
    }

    /// <summary>Adds a new client with its billing address and owner to the context (saved by the caller).</summary>
    public static Client Create(AppDbContext db, Client client, ClientUser owner, IAddressFields billing, DateTime now)
    {
        client.Addresses.Add(new ClientAddress
        {
            Type = AddressType.Billing,
            Name = "Billing",
            ContactName = $"{client.FirstName} {client.LastName}".Trim(),
            Address1 = billing.Address1.Trim(),
            Address2 = Blank(billing.Address2),
            City = billing.City.Trim(),
            Postcode = Blank(billing.Postcode),
            CountryCode = billing.CountryCode.Trim().ToUpperInvariant(),
            Region = Blank(billing.Region),
        });
        db.Clients.Add(client);
        // A company signing up with an EU VAT ID has it checked by VIES (after the caller commits; it wakes the workers).
        VatIdChecks.QueueIfChanged(db, client, client.Addresses[^1].CountryCode);
        db.ClientMemberships.Add(new ClientMembership
        {
            Client = client,
            ClientUserId = owner.Id,
            IsOwner = true,
            Permissions = string.Join(',', ClientPermissions.All.Order(StringComparer.Ordinal)),
            CreatedAt = now,
        });
        return client;
    }

    /// <summary>Gives a user access to a client with the given permissions.</summary>
    public static async Task<ClientMembership> AddMemberAsync(AppDbContext db, Guid clientId, Guid clientUserId, IEnumerable<string> permissions, DateTime now, CancellationToken ct)
    {
        if (await db.ClientMemberships.AnyAsync(m => m.ClientId == clientId && m.ClientUserId == clientUserId, ct))
            throw new RuleViolationException("This user already belongs to the client.");
        var membership = new ClientMembership { ClientId = clientId, ClientUserId = clientUserId, IsOwner = false, Permissions = NormalizePermissions(permissions), CreatedAt = now };
        db.ClientMemberships.Add(membership);
        return membership;
    }

    public static async Task SetPermissionsAsync(AppDbContext db, Guid clientId, Guid clientUserId, IEnumerable<string> permissions, CancellationToken ct)
    {
        var membership = await FindAsync(db, clientId, clientUserId, ct);
        if (membership.IsOwner) throw new RuleViolationException("The owner holds every permission; make another user the owner to change this one's rights.");
        membership.Permissions = NormalizePermissions(permissions);
    }

    /// <summary>
    /// Takes a member's access away, with their API tokens for the client (given access again later, they get none of them
    /// back) and the invitations they sent to it (nobody joins on the word of someone who has left).
    /// </summary>
    public static async Task RemoveMemberAsync(AppDbContext db, Guid clientId, Guid clientUserId, DateTime now, CancellationToken ct)
    {
        var membership = await FindAsync(db, clientId, clientUserId, ct);
        if (membership.IsOwner) throw new RuleViolationException("The owner cannot be removed from the client. Make another user the owner first.");
        db.ClientMemberships.Remove(membership);
        db.ClientInvitations.RemoveRange(await db.ClientInvitations.Where(i => i.ClientId == clientId && i.InvitedByUserId == clientUserId).ToListAsync(ct));
        foreach (var token in await db.ClientApiTokens.Where(t => t.ClientId == clientId && t.ClientUserId == clientUserId && t.RevokedAt == null).ToListAsync(ct))
            token.RevokedAt = now;
    }

    /// <summary>Makes a member the owner; the previous owner stays as a member with every permission. Saves twice, so call it inside a transaction.</summary>
    public static async Task TransferOwnershipAsync(AppDbContext db, Guid clientId, Guid newOwnerUserId, CancellationToken ct)
    {
        var next = await FindAsync(db, clientId, newOwnerUserId, ct);
        if (next.IsOwner) return;
        var current = await db.ClientMemberships.FirstAsync(m => m.ClientId == clientId && m.IsOwner, ct);
        current.IsOwner = false;
        current.Permissions = string.Join(',', ClientPermissions.All.Order(StringComparer.Ordinal));
        // The database allows one owner per client: step the old owner down before the new one steps up.
        await db.SaveChangesAsync(ct);
        next.IsOwner = true;
        next.Permissions = string.Join(',', ClientPermissions.All.Order(StringComparer.Ordinal));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<ClientMembership> FindAsync(AppDbContext db, Guid clientId, Guid clientUserId, CancellationToken ct) =>
        await db.ClientMemberships.FirstOrDefaultAsync(m => m.ClientId == clientId && m.ClientUserId == clientUserId, ct)
        ?? throw new NotFoundException("This user does not belong to the client.");

    /// <summary>Trimmed text, or null when there is none.</summary>
    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static async Task<ClientDetails> LoadDetailsAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var c = await db.Clients.AsNoTracking().Include(x => x.Currency).Include(x => x.Addresses).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("There is no such client.");
        var owner = await db.ClientMemberships.AsNoTracking().Where(m => m.ClientId == id && m.IsOwner).Select(m => m.ClientUser!).FirstAsync(ct);
        var users = await db.ClientMemberships.CountAsync(m => m.ClientId == id, ct);
        var billing = c.Addresses.FirstOrDefault(a => a.Type == AddressType.Billing);
        var countryName = billing is null ? null : await db.Countries.Where(x => x.Code == billing.CountryCode).Select(x => x.Name).FirstOrDefaultAsync(ct);
        var regionName = billing?.Region is null ? null : await db.Regions.Where(x => x.Code == billing.Region).Select(x => x.Name).FirstOrDefaultAsync(ct);
        return new ClientDetails(c.Id, c.DisplayName, c.FirstName, c.LastName, c.CompanyName, c.TaxId, c.Phone, c.Language, c.CurrencyId, c.Currency!.Code,
            c.Status, c.Balance, c.Currency.FormatAmount(c.Balance), c.AdminNotes, c.CreatedAt, owner.Id, owner.FullName, owner.Email, users,
            billing is null ? null : AddressRules.ToDto(billing, countryName, regionName), VatIdChecks.ToDto(c, billing?.CountryCode));
    }
}
