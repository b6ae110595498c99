using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Finance.Vies;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

[RequiresPermission(Permissions.ClientsEdit)]
public sealed record UpdateClientAddress(Guid ClientId, Guid AddressId, AddressType Type, string Name, string? ContactName, string? Phone, string? Email,
    string Address1, string? Address2, string City, string? Postcode, string CountryCode, string? Region) : ICommand<AddressDto>, IAddressForm;

public sealed class UpdateClientAddressValidator : AbstractValidator<UpdateClientAddress>
{
    public UpdateClientAddressValidator(IDbContextFactory<AppDbContext> contexts) => Include(new AddressFormValidator<UpdateClientAddress>(contexts));
}

public sealed class UpdateClientAddressHandler(IDbContextFactory<AppDbContext> contexts, TaskSignal signal) : IRequestHandler<UpdateClientAddress, AddressDto>
{
    public async Task<AddressDto> Handle(UpdateClientAddress request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var address = await db.ClientAddresses.FirstOrDefaultAsync(a => a.Id == request.AddressId && a.ClientId == request.ClientId, cancellationToken)
            ?? throw new NotFoundException("There is no such address.");
        if (address.Type == AddressType.Billing && request.Type != AddressType.Billing)
            throw RequestValidationException.For(nameof(IAddressForm.Type), "A client always keeps its billing address.");
        if (address.Type != AddressType.Billing && request.Type == AddressType.Billing)
            throw RequestValidationException.For(nameof(IAddressForm.Type), "The client has a billing address already: edit it instead.");
        AddressRules.Apply(address, request);
        // The billing country decides which state's VAT ID the tax ID is: a new one is checked by VIES.
        var queued = address.Type == AddressType.Billing
                     && VatIdChecks.QueueIfChanged(db, await db.Clients.FirstAsync(c => c.Id == request.ClientId, cancellationToken), address.CountryCode);
        await db.SaveChangesAsync(cancellationToken);
        if (queued) signal.Notify();
        return AddressRules.ToDto(address, await AddressRules.CountryNameAsync(db, address.CountryCode, cancellationToken), await AddressRules.RegionNameAsync(db, address.Region, cancellationToken));
    }
}
