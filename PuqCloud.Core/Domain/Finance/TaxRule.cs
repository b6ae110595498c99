using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Finance;

/// <summary>How tax rules see a client: a person, a company without a tax ID, or a company with one.</summary>
public enum ClientTaxType
{
    Private,
    CompanyWithoutTaxId,
    CompanyWithTaxId,
}

/// <summary>One tax of a rule: a name and a rate in percent with up to 3 decimals.</summary>
public sealed record TaxLine(string Name, decimal Rate);

/// <summary>
/// A tax rule: where (country, optional region) and for whom (client types) it applies, up to three taxes,
/// and the home company that bills such clients. Rules are read in <see cref="Position"/> order; the first match wins.
/// </summary>
public class TaxRule : Entity, IHasAuditTimes
{
    public int Position { get; set; }
    public string CountryCode { get; set; } = "";
    /// <summary>Null: the whole country. Otherwise only clients of this region (ISO 3166-2 code).</summary>
    public string? Region { get; set; }
    public bool AppliesToPrivate { get; set; }
    public bool AppliesToCompanyWithoutTaxId { get; set; }
    public bool AppliesToCompanyWithTaxId { get; set; }
    /// <summary>Whether private clients pay this rule's taxes; off, the rule matches them but taxes them nothing.</summary>
    public bool IndividualTaxRate { get; set; }
    public string? Tax1Name { get; set; }
    public decimal? Tax1Rate { get; set; }
    public string? Tax2Name { get; set; }
    public decimal? Tax2Rate { get; set; }
    public string? Tax3Name { get; set; }
    public decimal? Tax3Rate { get; set; }
    public Guid HomeCompanyId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The named taxes of the rule, in order.</summary>
    public IReadOnlyList<TaxLine> Taxes =>
        new[] { (Tax1Name, Tax1Rate), (Tax2Name, Tax2Rate), (Tax3Name, Tax3Rate) }
            .Where(t => !string.IsNullOrWhiteSpace(t.Item1))
            .Select(t => new TaxLine(t.Item1!, t.Item2 ?? 0m))
            .ToList();

    /// <summary>Sets the up to three taxes of the rule, in order; the slots after them are cleared.</summary>
    public void SetTaxes(IReadOnlyList<TaxLine> taxes)
    {
        if (taxes.Count > 3) throw new ArgumentException("A rule has at most three taxes.", nameof(taxes));
        TaxLine? At(int i) => i < taxes.Count ? taxes[i] : null;
        (Tax1Name, Tax1Rate) = (At(0)?.Name, At(0)?.Rate);
        (Tax2Name, Tax2Rate) = (At(1)?.Name, At(1)?.Rate);
        (Tax3Name, Tax3Rate) = (At(2)?.Name, At(2)?.Rate);
    }

    public bool AppliesTo(ClientTaxType type) => type switch
    {
        ClientTaxType.Private => AppliesToPrivate,
        ClientTaxType.CompanyWithoutTaxId => AppliesToCompanyWithoutTaxId,
        _ => AppliesToCompanyWithTaxId,
    };
}

/// <summary>What matching found: the rule (null when none applies) and the taxes the client pays.</summary>
public sealed record TaxRuleMatch(TaxRule? Rule, IReadOnlyList<TaxLine> Taxes);

/// <summary>
/// Tax rule matching, pure: rules are read top to bottom and the first that matches the client's country,
/// region and type wins. A rule with a region matches only that region; one without, the whole country.
/// </summary>
public static class TaxRuleMatcher
{
    public static TaxRuleMatch Match(IReadOnlyList<TaxRule> ordered, string country, string? region, ClientTaxType type)
    {
        var rule = ordered.FirstOrDefault(r => Matches(r, country, region, type));
        return new TaxRuleMatch(rule, rule is null ? [] : TaxesFor(rule, type));
    }

    public static bool Matches(TaxRule rule, string country, string? region, ClientTaxType type) =>
        string.Equals(rule.CountryCode, country?.Trim(), StringComparison.OrdinalIgnoreCase)
        && (string.IsNullOrEmpty(rule.Region) || string.Equals(rule.Region, region?.Trim(), StringComparison.OrdinalIgnoreCase))
        && rule.AppliesTo(type);

    /// <summary>The taxes a matched client pays: a private client pays them only when the rule taxes individuals.</summary>
    public static IReadOnlyList<TaxLine> TaxesFor(TaxRule rule, ClientTaxType type) =>
        type == ClientTaxType.Private && !rule.IndividualTaxRate ? [] : rule.Taxes;

    /// <summary>
    /// Whether <paramref name="above"/> (read first) matches every client <paramref name="below"/> matches, so that
    /// <paramref name="below"/> can never apply: same country, a region that is empty or the same, and at least its client types.
    /// </summary>
    public static bool Shadows(TaxRule above, TaxRule below) =>
        string.Equals(above.CountryCode, below.CountryCode, StringComparison.OrdinalIgnoreCase)
        && (string.IsNullOrEmpty(above.Region) || string.Equals(above.Region, below.Region, StringComparison.OrdinalIgnoreCase))
        && (!below.AppliesToPrivate || above.AppliesToPrivate)
        && (!below.AppliesToCompanyWithoutTaxId || above.AppliesToCompanyWithoutTaxId)
        && (!below.AppliesToCompanyWithTaxId || above.AppliesToCompanyWithTaxId);

    /// <summary>For each rule of the ordered list, the first rule above it that shadows it (or null).</summary>
    public static IReadOnlyList<TaxRule?> ShadowingRules(IReadOnlyList<TaxRule> ordered) =>
        ordered.Select((rule, i) => ordered.Take(i).FirstOrDefault(above => Shadows(above, rule))).ToList();

    /// <summary>The client type of a client from its company name and tax ID.</summary>
    public static ClientTaxType TypeOf(string? companyName, string? taxId) =>
        string.IsNullOrWhiteSpace(companyName) ? ClientTaxType.Private
        : string.IsNullOrWhiteSpace(taxId) ? ClientTaxType.CompanyWithoutTaxId
        : ClientTaxType.CompanyWithTaxId;
}
