using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Reference;

/// <summary>Validation of a country code and a region of it, shared by addresses and tax rules.</summary>
public static class PlaceRules
{
    /// <summary>The code is one of the countries of the reference data.</summary>
    public static IRuleBuilderOptions<T, string> KnownCountry<T>(this IRuleBuilder<T, string> rule, IDbContextFactory<AppDbContext> contexts) =>
        rule.MustAsync(async (code, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Countries.AnyAsync(c => c.Code == code, ct);
        }).WithMessage("Choose a country from the list.");

    /// <summary>An empty region, or one of the listed regions of the country (any text where the country lists none).</summary>
    public static IRuleBuilderOptions<T, string?> RegionOf<T>(this IRuleBuilder<T, string?> rule, Func<T, string?> country, IDbContextFactory<AppDbContext> contexts) =>
        rule.MustAsync(async (owner, region, ct) =>
        {
            var code = country(owner);
            if (string.IsNullOrWhiteSpace(region) || string.IsNullOrWhiteSpace(code)) return true;
            await using var db = await contexts.CreateDbContextAsync(ct);
            var listed = await db.Regions.Where(r => r.CountryCode == code).Select(r => r.Code).ToListAsync(ct);
            return listed.Count == 0 || listed.Contains(region);
        }).WithMessage("Choose a region of the selected country.");
}
