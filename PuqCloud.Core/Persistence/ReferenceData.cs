using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Reference;

namespace PuqCloud.Core.Persistence;

/// <summary>
/// ISO 3166 countries and regions and ISO 4217 currency codes, from the committed seed file
/// (Persistence/Seed/iso-codes.json, made from Debian's iso-codes by scripts/make-iso-seed.py).
/// </summary>
public static class ReferenceData
{
    private static readonly Lazy<IsoSeed> Seed = new(Load);

    private static readonly Dictionary<string, int> MinorUnitExceptions = new(StringComparer.Ordinal)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    };

    /// <summary>The ISO 4217 minor unit of a currency: digits after the decimal point (2 unless listed otherwise).</summary>
    public static int MinorUnitsOf(string code) => MinorUnitExceptions.GetValueOrDefault(code, 2);

    /// <summary>The ISO 4217 code → name of every currency.</summary>
    public static IReadOnlyDictionary<string, string> IsoCurrencies => Seed.Value.Currencies;

    /// <summary>Fills countries and regions on a fresh database, and makes USD the first default currency.</summary>
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Countries.AnyAsync(cancellationToken))
        {
            // Fresh entities every time: the parsed seed is shared, entities belong to one context.
            db.Countries.AddRange(Seed.Value.Countries.Select(c => new Country { Code = c.Code, Code3 = c.Code3, Numeric = c.Numeric, Name = c.Name, OfficialName = c.OfficialName }));
            db.Regions.AddRange(Seed.Value.Regions.Select(r => new Region { Code = r.Code, CountryCode = r.CountryCode, Name = r.Name, Type = r.Type }));
            await db.SaveChangesAsync(cancellationToken);
        }
        if (!await db.Currencies.AnyAsync(cancellationToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            db.Currencies.Add(new Currency { Code = "USD", Prefix = "$", ExchangeRate = 1m, Format = CurrencyFormat.CommaDot, IsDefault = true, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private sealed record SeedCountry(string Code, string Code3, string Numeric, string Name, string? OfficialName);
    private sealed record SeedRegion(string Code, string CountryCode, string Name, string Type);
    private sealed record IsoSeed(IReadOnlyList<SeedCountry> Countries, IReadOnlyList<SeedRegion> Regions, IReadOnlyDictionary<string, string> Currencies);

    private static IsoSeed Load()
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("iso-codes.json")
            ?? throw new InvalidOperationException("The ISO seed file is not embedded in PuqCloud.Core.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var countries = root.GetProperty("countries").EnumerateArray()
            .Select(c => new SeedCountry(c[0].GetString()!, c[1].GetString()!, c[2].GetString()!, c[3].GetString()!, c[4].GetString())).ToList();
        var regions = root.GetProperty("regions").EnumerateArray()
            .Select(r => new SeedRegion(r[0].GetString()!, r[0].GetString()![..2], r[1].GetString()!, r[2].GetString()!)).ToList();
        var currencies = root.GetProperty("currencies").EnumerateArray().ToDictionary(c => c[0].GetString()!, c => c[1].GetString()!, StringComparer.Ordinal);
        return new IsoSeed(countries, regions, currencies);
    }
}
