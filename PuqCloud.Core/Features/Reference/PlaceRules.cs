using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Reference;

/// <summary>Validation of a country code and a region of it, shared by addresses and tax rules.</summary>
public static class PlaceRules
{
    /// <summary>A country code as the handlers store it: trimmed and in capitals ("pl" is PL).</summary>
    public static string? NormalizeCountry(string? code) => code?.Trim().ToUpperInvariant();

    /// <summary>The code, as stored (<see cref="NormalizeCountry"/>), is one of the countries of the reference data.</summary>
    public static IRuleBuilderOptions<T, string> KnownCountry<T>(this IRuleBuilder<T, string> rule, IDbContextFactory<AppDbContext> contexts) =>
        rule.MustAsync(async (code, ct) =>
        {
            var stored = NormalizeCountry(code);
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Countries.AnyAsync(c => c.Code == stored, ct);
        }).WithMessage("Choose a country from the list.");

    /// <summary>An empty region, or one of the listed regions of the country (any text where the country lists none).</summary>
    public static IRuleBuilderOptions<T, string?> RegionOf<T>(this IRuleBuilder<T, string?> rule, Func<T, string?> country, IDbContextFactory<AppDbContext> contexts) =>
        rule.MustAsync(async (owner, region, ct) =>
        {
            var code = NormalizeCountry(country(owner));
            if (string.IsNullOrWhiteSpace(region) || string.IsNullOrWhiteSpace(code)) return true;
            await using var db = await contexts.CreateDbContextAsync(ct);
            var listed = await db.Regions.Where(r => r.CountryCode == code).Select(r => r.Code).ToListAsync(ct);
            return listed.Count == 0 || listed.Contains(region.Trim());
        }).WithMessage("Choose a region of the selected country.");
}
