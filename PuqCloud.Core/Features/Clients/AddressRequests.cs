using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>The Create/Edit Address form of the Profile tab.</summary>
public interface IAddressForm : IAddressFields
{
    AddressType Type { get; }
    string Name { get; }
    string? ContactName { get; }
    string? Phone { get; }
    string? Email { get; }
}

[RequiresPermission(Permissions.ClientsView)]
public sealed record ListClientAddresses(Guid ClientId) : IQuery<IReadOnlyList<AddressDto>>;

[RequiresPermission(Permissions.ClientsEdit)]
public sealed record CreateClientAddress(Guid ClientId, AddressType Type, string Name, string? ContactName, string? Phone, string? Email,
    string Address1, string? Address2, string City, string? Postcode, string CountryCode, string? Region) : ICommand<AddressDto>, IAddressForm;

[RequiresPermission(Permissions.ClientsEdit)]
public sealed record UpdateClientAddress(Guid ClientId, Guid AddressId, AddressType Type, string Name, string? ContactName, string? Phone, string? Email,
    string Address1, string? Address2, string City, string? Postcode, string CountryCode, string? Region) : ICommand<AddressDto>, IAddressForm;

/// <summary>Deletes a shipping or service address; the billing address can be changed, never removed.</summary>
[RequiresPermission(Permissions.ClientsEdit)]
public sealed record DeleteClientAddress(Guid ClientId, Guid AddressId) : ICommand<Unit>;

public sealed class AddressFormValidator<T> : AbstractValidator<T> where T : IAddressForm
{
    public AddressFormValidator(IDbContextFactory<AppDbContext> contexts)
    {
        Include(new AddressFieldsValidator<T>(contexts));
        RuleFor(x => x.Type).IsInEnum();
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the address, for example Head office.").MaximumLength(100);
        RuleFor(x => x.ContactName).MaximumLength(200);
        RuleFor(x => x.Phone).MaximumLength(40);
        RuleFor(x => x.Email).MaximumLength(254).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Email)).WithMessage("Enter a valid e-mail address.");
    }
}

public sealed class CreateClientAddressValidator : AbstractValidator<CreateClientAddress>
{
    public CreateClientAddressValidator(IDbContextFactory<AppDbContext> contexts) => Include(new AddressFormValidator<CreateClientAddress>(contexts));
}

public sealed class UpdateClientAddressValidator : AbstractValidator<UpdateClientAddress>
{
    public UpdateClientAddressValidator(IDbContextFactory<AppDbContext> contexts) => Include(new AddressFormValidator<UpdateClientAddress>(contexts));
}

public sealed class AddressHandlers(IDbContextFactory<AppDbContext> contexts) :
    IRequestHandler<ListClientAddresses, IReadOnlyList<AddressDto>>,
    IRequestHandler<CreateClientAddress, AddressDto>,
    IRequestHandler<UpdateClientAddress, AddressDto>,
    IRequestHandler<DeleteClientAddress, Unit>
{
    public async Task<IReadOnlyList<AddressDto>> Handle(ListClientAddresses request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureClientAsync(db, request.ClientId, cancellationToken);
        var rows = await db.ClientAddresses.AsNoTracking().Where(a => a.ClientId == request.ClientId)
            .Select(a => new
            {
                Address = a,
                Country = db.Countries.Where(c => c.Code == a.CountryCode).Select(c => c.Name).FirstOrDefault(),
                Region = db.Regions.Where(r => r.Code == a.Region).Select(r => r.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Address.Type).ThenBy(r => r.Address.Name).Select(r => ToDto(r.Address, r.Country, r.Region)).ToList();
    }

    public async Task<AddressDto> Handle(CreateClientAddress request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureClientAsync(db, request.ClientId, cancellationToken);
        if (request.Type == AddressType.Billing && await db.ClientAddresses.AnyAsync(a => a.ClientId == request.ClientId && a.Type == AddressType.Billing, cancellationToken))
            throw RequestValidationException.For(nameof(IAddressForm.Type), "The client has a billing address already: edit it instead.");
        var address = new ClientAddress { ClientId = request.ClientId };
        Apply(address, request);
        db.ClientAddresses.Add(address);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(address, await CountryNameAsync(db, address.CountryCode, cancellationToken), await RegionNameAsync(db, address.Region, cancellationToken));
    }

    public async Task<AddressDto> Handle(UpdateClientAddress request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var address = await db.ClientAddresses.FirstOrDefaultAsync(a => a.Id == request.AddressId && a.ClientId == request.ClientId, cancellationToken)
            ?? throw new NotFoundException("There is no such address.");
        if (address.Type == AddressType.Billing && request.Type != AddressType.Billing)
            throw RequestValidationException.For(nameof(IAddressForm.Type), "A client always keeps its billing address.");
        if (address.Type != AddressType.Billing && request.Type == AddressType.Billing)
            throw RequestValidationException.For(nameof(IAddressForm.Type), "The client has a billing address already: edit it instead.");
        Apply(address, request);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(address, await CountryNameAsync(db, address.CountryCode, cancellationToken), await RegionNameAsync(db, address.Region, cancellationToken));
    }

    public async Task<Unit> Handle(DeleteClientAddress request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var address = await db.ClientAddresses.FirstOrDefaultAsync(a => a.Id == request.AddressId && a.ClientId == request.ClientId, cancellationToken)
            ?? throw new NotFoundException("There is no such address.");
        if (address.Type == AddressType.Billing) throw new RuleViolationException("The billing address can be changed but not deleted.");
        db.ClientAddresses.Remove(address);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    internal static AddressDto ToDto(ClientAddress a, string? countryName, string? regionName) =>
        new(a.Id, a.Type, a.Name, a.ContactName, a.Phone, a.Email, a.Address1, a.Address2, a.City, a.Postcode, a.CountryCode, countryName, a.Region, regionName ?? a.Region);

    private static void Apply(ClientAddress address, IAddressForm form)
    {
        address.Type = form.Type;
        address.Name = form.Name.Trim();
        address.ContactName = Blank(form.ContactName);
        address.Phone = Blank(form.Phone);
        address.Email = Blank(form.Email);
        address.Address1 = form.Address1.Trim();
        address.Address2 = Blank(form.Address2);
        address.City = form.City.Trim();
        address.Postcode = Blank(form.Postcode);
        address.CountryCode = form.CountryCode.Trim().ToUpperInvariant();
        address.Region = Blank(form.Region);
    }

    private static async Task EnsureClientAsync(AppDbContext db, Guid clientId, CancellationToken ct)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == clientId, ct)) throw new NotFoundException("There is no such client.");
    }

    private static Task<string?> CountryNameAsync(AppDbContext db, string code, CancellationToken ct) =>
        db.Countries.Where(c => c.Code == code).Select(c => c.Name).FirstOrDefaultAsync(ct);

    private static async Task<string?> RegionNameAsync(AppDbContext db, string? code, CancellationToken ct) =>
        code is null ? null : await db.Regions.Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
