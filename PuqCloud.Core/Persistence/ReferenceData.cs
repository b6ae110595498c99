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

    /// <summary>The ISO 4217 code → name of every currency.</summary>
    public static IReadOnlyDictionary<string, string> IsoCurrencies => Seed.Value.Currencies;

    /// <summary>Fills countries and regions on a fresh database, and makes USD the first default currency.</summary>
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Countries.AnyAsync(cancellationToken))
        {
            db.Countries.AddRange(Seed.Value.Countries);
            db.Regions.AddRange(Seed.Value.Regions);
            await db.SaveChangesAsync(cancellationToken);
        }
        if (!await db.Currencies.AnyAsync(cancellationToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            db.Currencies.Add(new Currency { Code = "USD", Prefix = "$", ExchangeRate = 1m, Format = CurrencyFormat.CommaDot, IsDefault = true, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private sealed record IsoSeed(IReadOnlyList<Country> Countries, IReadOnlyList<Region> Regions, IReadOnlyDictionary<string, string> Currencies);

    private static IsoSeed Load()
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("iso-codes.json")
            ?? throw new InvalidOperationException("The ISO seed file is not embedded in PuqCloud.Core.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var countries = root.GetProperty("countries").EnumerateArray().Select(c => new Country
        {
            Code = c[0].GetString()!, Code3 = c[1].GetString()!, Numeric = c[2].GetString()!, Name = c[3].GetString()!, OfficialName = c[4].GetString(),
        }).ToList();
        var regions = root.GetProperty("regions").EnumerateArray().Select(r => new Region
        {
            Code = r[0].GetString()!, CountryCode = r[0].GetString()![..2], Name = r[1].GetString()!, Type = r[2].GetString()!,
        }).ToList();
        var currencies = root.GetProperty("currencies").EnumerateArray().ToDictionary(c => c[0].GetString()!, c => c[1].GetString()!, StringComparer.Ordinal);
        return new IsoSeed(countries, regions, currencies);
    }
}
