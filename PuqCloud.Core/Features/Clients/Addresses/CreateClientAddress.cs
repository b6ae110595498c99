using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

[RequiresPermission(Permissions.ClientsEdit)]
public sealed record CreateClientAddress(Guid ClientId, AddressType Type, string Name, string? ContactName, string? Phone, string? Email,
    string Address1, string? Address2, string City, string? Postcode, string CountryCode, string? Region) : ICommand<AddressDto>, IAddressForm;

public sealed class CreateClientAddressValidator : AbstractValidator<CreateClientAddress>
{
    public CreateClientAddressValidator(IDbContextFactory<AppDbContext> contexts) => Include(new AddressFormValidator<CreateClientAddress>(contexts));
}

public sealed class CreateClientAddressHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<CreateClientAddress, AddressDto>
{
    public async Task<AddressDto> Handle(CreateClientAddress request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AddressRules.EnsureClientAsync(db, request.ClientId, cancellationToken);
        if (request.Type == AddressType.Billing && await db.ClientAddresses.AnyAsync(a => a.ClientId == request.ClientId && a.Type == AddressType.Billing, cancellationToken))
            throw RequestValidationException.For(nameof(IAddressForm.Type), "The client has a billing address already: edit it instead.");
        var address = new ClientAddress { ClientId = request.ClientId };
        AddressRules.Apply(address, request);
        db.ClientAddresses.Add(address);
        await db.SaveChangesAsync(cancellationToken);
        return AddressRules.ToDto(address, await AddressRules.CountryNameAsync(db, address.CountryCode, cancellationToken), await AddressRules.RegionNameAsync(db, address.Region, cancellationToken));
    }
}
