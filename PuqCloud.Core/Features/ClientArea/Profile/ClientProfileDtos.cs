using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// The client's details as its members see them on the Profile page. Not its status: staff's flag (Fraud, say) is theirs,
/// and a refused order tells the client only to contact them.
/// </summary>
public sealed record ClientProfile(
    Guid ClientId, string FirstName, string LastName, string? CompanyName, string? TaxId, string? Phone,
    string Address1, string? Address2, string City, string? Postcode, string CountryCode, string? CountryName, string? Region, string? RegionName)
{
    public string DisplayName => Client.NameOf(FirstName, LastName, CompanyName);
}
