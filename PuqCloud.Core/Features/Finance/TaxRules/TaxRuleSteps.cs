using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Steps that several TaxRule use cases share.</summary>
internal static class TaxRuleSteps
{
    internal static void Apply(TaxRule rule, ITaxRuleFields input)
    {
        rule.CountryCode = input.CountryCode.Trim().ToUpperInvariant();
        rule.Region = string.IsNullOrWhiteSpace(input.Region) ? null : input.Region.Trim();
        rule.AppliesToPrivate = input.AppliesToPrivate;
        rule.AppliesToCompanyWithoutTaxId = input.AppliesToCompanyWithoutTaxId;
        rule.AppliesToCompanyWithTaxId = input.AppliesToCompanyWithTaxId;
        rule.IndividualTaxRate = input.IndividualTaxRate;
        (rule.Tax1Name, rule.Tax1Rate) = Tax(input.Tax1Name, input.Tax1Rate);
        (rule.Tax2Name, rule.Tax2Rate) = Tax(input.Tax2Name, input.Tax2Rate);
        (rule.Tax3Name, rule.Tax3Rate) = Tax(input.Tax3Name, input.Tax3Rate);
        rule.HomeCompanyId = input.HomeCompanyId;
    }

    internal static (string?, decimal?) Tax(string? name, decimal? rate) => string.IsNullOrWhiteSpace(name) ? (null, null) : (name.Trim(), rate);

    internal static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new RuleViolationException("Another change to the tax rules happened at the same time. Reload and try again.");
        }
    }

    internal static async Task<IReadOnlyList<TaxRuleDto>> ListAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var rules = await db.TaxRules.AsNoTracking().OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var countryCodes = rules.Select(r => r.CountryCode).Distinct().ToList();
        var countries = await db.Countries.AsNoTracking().Where(c => countryCodes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Name, cancellationToken);
        var regions = await db.Regions.AsNoTracking().Where(r => countryCodes.Contains(r.CountryCode)).ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
        var companies = await db.HomeCompanies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var shadows = TaxRuleMatcher.ShadowingRules(rules);
        // Positions keep gaps after deletions; the list numbers the rules as they are read, 1 to n.
        return rules.Select((r, i) => new TaxRuleDto(r.Id, i + 1, r.CountryCode, countries.GetValueOrDefault(r.CountryCode, r.CountryCode),
            r.Region, r.Region is null ? null : regions.GetValueOrDefault(r.Region, r.Region),
            r.AppliesToPrivate, r.AppliesToCompanyWithoutTaxId, r.AppliesToCompanyWithTaxId, r.IndividualTaxRate,
            r.Tax1Name, r.Tax1Rate, r.Tax2Name, r.Tax2Rate, r.Tax3Name, r.Tax3Rate,
            r.HomeCompanyId, companies.GetValueOrDefault(r.HomeCompanyId, ""), shadows[i] is { } above ? rules.IndexOf(above) + 1 : null)).ToList();
    }

    internal static async Task<TaxRuleDto> GetAsync(AppDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await ListAsync(db, cancellationToken)).FirstOrDefault(r => r.Id == id) ?? throw new NotFoundException("There is no such tax rule.");
}
