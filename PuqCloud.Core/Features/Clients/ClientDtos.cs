using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Finance.Vies;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

public sealed record AddressDto(Guid Id, AddressType Type, string Name, string? ContactName, string? Phone, string? Email, string Address1, string? Address2,
    string City, string? Postcode, string CountryCode, string? CountryName, string? Region, string? RegionName);

/// <summary>The client page: its details, billing address, owner and counts for the Summary tab.</summary>
public sealed record ClientDetails(Guid Id, string Name, string FirstName, string LastName, string? CompanyName, string? TaxId, string? Phone, string Language,
    Guid CurrencyId, string CurrencyCode, ClientStatus Status, decimal Balance, string BalanceText, string? AdminNotes, DateTime CreatedAt,
    Guid OwnerId, string OwnerName, string OwnerEmail, int UserCount, AddressDto? BillingAddress, ClientVatCheckDto? VatCheck = null);
