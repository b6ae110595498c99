using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>A rule as the list shows it: Position is its place in the order (from 1); ShadowedBy the place of a broader rule above that leaves it no client.</summary>
public sealed record TaxRuleDto(Guid Id, int Position, string CountryCode, string CountryName, string? Region, string? RegionName,
    bool AppliesToPrivate, bool AppliesToCompanyWithoutTaxId, bool AppliesToCompanyWithTaxId, bool IndividualTaxRate,
    string? Tax1Name, decimal? Tax1Rate, string? Tax2Name, decimal? Tax2Rate, string? Tax3Name, decimal? Tax3Rate,
    Guid HomeCompanyId, string HomeCompanyName, int? ShadowedBy)
{
    public IReadOnlyList<TaxLine> Taxes =>
        new[] { (Tax1Name, Tax1Rate), (Tax2Name, Tax2Rate), (Tax3Name, Tax3Rate) }.Where(t => t.Item1 is not null).Select(t => new TaxLine(t.Item1!, t.Item2 ?? 0m)).ToList();
}
