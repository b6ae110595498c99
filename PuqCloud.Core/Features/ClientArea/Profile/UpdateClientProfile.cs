using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Finance.Vies;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

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
        RuleFor(x => x.Phone).PhoneNumber();
        Include(new AddressFieldsValidator<UpdateClientProfile>(contexts));
    }
}

public sealed class UpdateClientProfileHandler(IDbContextFactory<AppDbContext> contexts, TaskSignal signal) : IRequestHandler<UpdateClientProfile, ClientProfile>
{
    public async Task<ClientProfile> Handle(UpdateClientProfile request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.Include(c => c.Addresses).FirstOrDefaultAsync(c => c.Id == request.ClientId, cancellationToken)
            ?? throw new NotFoundException("There is no such client among yours.");
        client.FirstName = request.FirstName.Trim();
        client.LastName = request.LastName.Trim();
        client.CompanyName = ClientRules.Blank(request.CompanyName);
        client.TaxId = ClientRules.Blank(request.TaxId);
        client.Phone = ClientRules.Blank(request.Phone);
        var billing = client.Addresses.FirstOrDefault(a => a.Type == AddressType.Billing);
        if (billing is null)
        {
            billing = new ClientAddress { ClientId = client.Id, Type = AddressType.Billing, Name = "Billing" };
            db.ClientAddresses.Add(billing);
        }
        billing.Address1 = request.Address1.Trim();
        billing.Address2 = ClientRules.Blank(request.Address2);
        billing.City = request.City.Trim();
        billing.Postcode = ClientRules.Blank(request.Postcode);
        billing.CountryCode = request.CountryCode.Trim().ToUpperInvariant();
        billing.Region = ClientRules.Blank(request.Region);
        var queued = VatIdChecks.QueueIfChanged(db, client, billing.CountryCode);
        await db.SaveChangesAsync(cancellationToken);
        if (queued) signal.Notify();
        return await ClientProfileRules.LoadAsync(db, client.Id, cancellationToken);
    }
}
