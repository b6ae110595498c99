using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>The client's details as its members see them on the Profile page.</summary>
public sealed record ClientProfile(
    Guid ClientId, string FirstName, string LastName, string? CompanyName, string? TaxId, string? Phone, ClientStatus Status,
    string Address1, string? Address2, string City, string? Postcode, string CountryCode, string? CountryName, string? Region, string? RegionName)
{
    public string DisplayName => string.IsNullOrWhiteSpace(CompanyName) ? $"{FirstName} {LastName}".Trim() : CompanyName;
}

/// <summary>Any member may read the profile of a client they belong to.</summary>
[ClientMember]
public sealed record GetClientProfile(Guid ClientId) : IQuery<ClientProfile>, IClientScoped;

/// <summary>Changes the client's names, company, tax ID, phone and billing address.</summary>
[ClientMember(ClientPermissions.ModifyProfile)]
public sealed record UpdateClientProfile(
    Guid ClientId, string FirstName, string LastName, string? CompanyName, string? TaxId, string? Phone,
    string Address1, string? Address2, string City, string? Postcode, string CountryCode, string? Region)
    : ICommand<ClientProfile>, IClientScoped, IAddressFields;

public sealed class UpdateClientProfileValidator : AbstractValidator<UpdateClientProfile>
{
    public UpdateClientProfileValidator(IDbContextFactory<AppDbContext> contexts)
    {
        RuleFor(x => x.FirstName).NotEmpty().WithMessage("Enter the first name.").MaximumLength(100);
        RuleFor(x => x.LastName).NotEmpty().WithMessage("Enter the last name.").MaximumLength(100);
        RuleFor(x => x.CompanyName).MaximumLength(200);
        RuleFor(x => x.TaxId).MaximumLength(50);
        RuleFor(x => x.Phone).MaximumLength(40)
            .Matches(@"^\+?[0-9 ()\-./]{5,40}$").When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithMessage("Enter the number with its country code, for example +48 22 123 45 67.");
        Include(new AddressFieldsValidator<UpdateClientProfile>(contexts));
    }
}

public sealed class ClientProfileHandlers(IDbContextFactory<AppDbContext> contexts) :
    IRequestHandler<GetClientProfile, ClientProfile>,
    IRequestHandler<UpdateClientProfile, ClientProfile>
{
    public async Task<ClientProfile> Handle(GetClientProfile request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, request.ClientId, cancellationToken);
    }

    public async Task<ClientProfile> Handle(UpdateClientProfile request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.Include(c => c.Addresses).FirstOrDefaultAsync(c => c.Id == request.ClientId, cancellationToken)
            ?? throw new NotFoundException("There is no such client among yours.");
        client.FirstName = request.FirstName.Trim();
        client.LastName = request.LastName.Trim();
        client.CompanyName = Blank(request.CompanyName);
        client.TaxId = Blank(request.TaxId);
        client.Phone = Blank(request.Phone);
        var billing = client.Addresses.FirstOrDefault(a => a.Type == AddressType.Billing);
        if (billing is null)
        {
            billing = new ClientAddress { ClientId = client.Id, Type = AddressType.Billing, Name = "Billing" };
            db.ClientAddresses.Add(billing);
        }
        billing.Address1 = request.Address1.Trim();
        billing.Address2 = Blank(request.Address2);
        billing.City = request.City.Trim();
        billing.Postcode = Blank(request.Postcode);
        billing.CountryCode = request.CountryCode.Trim().ToUpperInvariant();
        billing.Region = Blank(request.Region);
        await db.SaveChangesAsync(cancellationToken);
        return await LoadAsync(db, client.Id, cancellationToken);
    }

    private static async Task<ClientProfile> LoadAsync(AppDbContext db, Guid clientId, CancellationToken cancellationToken)
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
        return new ClientProfile(client.Id, client.FirstName, client.LastName, client.CompanyName, client.TaxId, client.Phone, client.Status,
            billing.Address1, billing.Address2, billing.City, billing.Postcode, billing.CountryCode, country, billing.Region, region ?? billing.Region);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
