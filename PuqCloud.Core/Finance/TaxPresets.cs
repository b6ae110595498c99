using System.Text.Json;
using PuqCloud.Core.Domain.Finance;

namespace PuqCloud.Core.Finance;

public enum TaxPreset
{
    Eu,
    Canada,
}

/// <summary>
/// The preset tax rules of Finance → Tax rules, made from the dated rate files in Finance/Data (embedded).
/// EU: destination-country VAT for private clients and companies without a tax ID; for companies with a tax ID
/// the standard rate only in the home company's own country, elsewhere a rule without taxes (reverse charge)
/// so that the chosen home company still bills them. Canada: one rule per province or territory, all client types.
/// </summary>
public static class TaxPresets
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record EuData(string AsOf, string Source, string TaxName, IReadOnlyList<EuCountry> Countries);
    public sealed record EuCountry(string Country, decimal Rate);
    public sealed record CanadaData(string AsOf, string Source, IReadOnlyList<CanadaRegion> Regions);
    public sealed record CanadaRegion(string Region, IReadOnlyList<TaxLine> Taxes);

    public static EuData Eu { get; } = Load<EuData>("eu-vat-rates.json");
    public static CanadaData Canada { get; } = Load<CanadaData>("canada-sales-taxes.json");

    public static (string AsOf, string Source) About(TaxPreset preset) =>
        preset == TaxPreset.Eu ? (Eu.AsOf, Eu.Source) : (Canada.AsOf, Canada.Source);

    /// <summary>The rules of a preset for a home company in <paramref name="homeCountry"/> (positions and company are the caller's).</summary>
    public static IReadOnlyList<TaxRule> Rules(TaxPreset preset, string? homeCountry) => preset switch
    {
        TaxPreset.Eu => EuRules(homeCountry),
        _ => Canada.Regions.Select(r => Rule("CA", r.Region, true, true, true, r.Taxes)).ToList(),
    };

    private static List<TaxRule> EuRules(string? homeCountry)
    {
        var rules = new List<TaxRule>();
        foreach (var c in Eu.Countries)
        {
            var vat = new[] { new TaxLine(Eu.TaxName, c.Rate) };
            if (string.Equals(c.Country, homeCountry, StringComparison.OrdinalIgnoreCase))
            {
                rules.Add(Rule(c.Country, null, true, true, true, vat));
                continue;
            }
            rules.Add(Rule(c.Country, null, true, true, false, vat));
            rules.Add(Rule(c.Country, null, false, false, true, []));
        }
        return rules;
    }

    private static TaxRule Rule(string country, string? region, bool privateClient, bool withoutTaxId, bool withTaxId, IReadOnlyList<TaxLine> taxes)
    {
        var rule = new TaxRule
        {
            CountryCode = country, Region = region, IndividualTaxRate = true,
            AppliesToPrivate = privateClient, AppliesToCompanyWithoutTaxId = withoutTaxId, AppliesToCompanyWithTaxId = withTaxId,
        };
        rule.SetTaxes(taxes);
        return rule;
    }

    /// <summary>Whether two rules say the same thing (place, client types, taxes and billing company), whatever their order.</summary>
    public static bool SameRule(TaxRule a, TaxRule b) =>
        string.Equals(a.CountryCode, b.CountryCode, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Region ?? "", b.Region ?? "", StringComparison.OrdinalIgnoreCase)
        && a.AppliesToPrivate == b.AppliesToPrivate && a.AppliesToCompanyWithoutTaxId == b.AppliesToCompanyWithoutTaxId
        && a.AppliesToCompanyWithTaxId == b.AppliesToCompanyWithTaxId && a.IndividualTaxRate == b.IndividualTaxRate
        && a.HomeCompanyId == b.HomeCompanyId && a.Taxes.SequenceEqual(b.Taxes);

    private static T Load<T>(string name)
    {
        using var stream = typeof(TaxPresets).Assembly.GetManifestResourceStream("finance/" + name)
                           ?? throw new InvalidOperationException($"The tax preset {name} is not embedded in PuqCloud.Core.");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"The tax preset {name} is empty.");
    }
}
