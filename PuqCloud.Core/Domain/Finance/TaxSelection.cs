namespace PuqCloud.Core.Domain.Finance;

/// <summary>The EU VAT facts documents need: the member states, their VAT ID prefixes and the reverse-charge note.</summary>
public static class EuVat
{
    /// <summary>Printed on a reverse-charge document when the billing company has no EU tax note of its own.</summary>
    public const string ReverseChargeNote = "Reverse charge: VAT to be accounted for by the recipient, Article 196 Council Directive 2006/112/EC.";

    /// <summary>The 27 member states (ISO 3166 codes) and the prefix of their VAT IDs: Greece's is EL, every other its country code.</summary>
    private static readonly Dictionary<string, string> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AT"] = "AT", ["BE"] = "BE", ["BG"] = "BG", ["HR"] = "HR", ["CY"] = "CY", ["CZ"] = "CZ", ["DK"] = "DK", ["EE"] = "EE", ["FI"] = "FI",
        ["FR"] = "FR", ["DE"] = "DE", ["GR"] = "EL", ["HU"] = "HU", ["IE"] = "IE", ["IT"] = "IT", ["LV"] = "LV", ["LT"] = "LT", ["LU"] = "LU",
        ["MT"] = "MT", ["NL"] = "NL", ["PL"] = "PL", ["PT"] = "PT", ["RO"] = "RO", ["SK"] = "SK", ["SI"] = "SI", ["ES"] = "ES", ["SE"] = "SE",
    };

    public static IReadOnlyCollection<string> MemberStates => Prefixes.Keys;

    public static bool IsMemberState(string? country) => country is not null && Prefixes.ContainsKey(country.Trim());

    /// <summary>
    /// The tax ID as an EU VAT ID of <paramref name="country"/> ("de 123 456 789" → "DE123456789"; a number without a prefix
    /// gets the country's; Greece's "GR…" becomes "EL…"), or null when it cannot be one: the country is not a member
    /// state, the prefix is another state's, or what follows is not 2 to 13 letters and digits. This checks the form only;
    /// whether the number exists is VIES's answer (a later step).
    /// </summary>
    public static string? Normalize(string? taxId, string? country)
    {
        if (string.IsNullOrWhiteSpace(taxId) || country is null || !Prefixes.TryGetValue(country.Trim(), out var prefix)) return null;
        var text = new string(taxId.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        if (text.Length >= 2 && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]))
        {
            var given = text[..2];
            if (given != prefix && !(prefix == "EL" && given == "GR")) return null;
            text = text[2..];
        }
        return text.Length is >= 2 and <= 13 && text.All(char.IsAsciiLetterOrDigit) ? prefix + text : null;
    }
}

/// <summary>
/// How tax selection sees a client: where it is billed (its billing address), who it is, and the EU VAT ID that VIES
/// last confirmed as valid (<see cref="Clients.Client.VatValidNumber"/>; null when none was).
/// </summary>
public sealed record TaxClient(string? CountryCode, string? Region, string? CompanyName, string? TaxId, string? ConfirmedVatId = null);

/// <summary>How tax selection sees a home company.</summary>
public sealed record TaxCompany(Guid Id, string? CountryCode, bool IsDefault, string? EuTaxNote);

/// <summary>
/// What a client is billed with: the home company, the rule that matched (null: none, the default company bills
/// without taxes), the taxes, and whether the EU reverse charge applies (no VAT, <see cref="LegalNote"/> says why).
/// </summary>
public sealed record TaxSelection(Guid HomeCompanyId, TaxRule? Rule, ClientTaxType ClientType, IReadOnlyList<TaxLine> Taxes, bool ReverseCharge,
    string? LegalNote, string? VatId);

/// <summary>
/// Picks the home company and the taxes of a new document, pure:
/// <list type="number">
/// <item>The client's type comes from its company name and tax ID (<see cref="TaxRuleMatcher.TypeOf"/>).</item>
/// <item>The tax rules, in order, first match wins (<see cref="TaxRuleMatcher"/>): its taxes (private clients pay them
/// only when the rule taxes individuals) and its home company. Without a match the default company bills, without taxes.</item>
/// <item>EU reverse charge: a company client with an EU VAT ID of another member state than the billing company's, which
/// VIES confirmed as valid (exactly this ID: a changed one needs its own check), pays no VAT whatever the rule says (the
/// recipient accounts for it, Article 196 of Directive 2006/112/EC); the document carries the company's EU tax note, or
/// the standard sentence. An ID never checked, found invalid, or only ever met with "service unavailable" is charged
/// the rule's VAT: the reverse charge is never applied on an unconfirmed number. Such a client is matched as a company
/// without a tax ID (the admin guide's "company with a valid tax ID"), so that a rule for other member states' VAT-registered
/// companies (the EU preset's, which charges nothing and leaves VAT to the reverse charge) does not bill it without VAT.</item>
/// </list>
/// </summary>
public static class TaxSelector
{
    /// <summary>The selection, or null when there is no home company to bill at all.</summary>
    public static TaxSelection? Select(TaxClient client, IReadOnlyList<TaxRule> orderedRules, IReadOnlyList<TaxCompany> companies)
    {
        var type = TaxRuleMatcher.TypeOf(client.CompanyName, client.TaxId);
        var country = client.CountryCode?.Trim() ?? "";
        var (match, company) = MatchAndCompany(orderedRules, country, client.Region, type, companies);
        if (company is null) return null;
        var vatId = type == ClientTaxType.CompanyWithTaxId ? EuVat.Normalize(client.TaxId, country) : null;
        var crossBorderEu = EuVat.IsMemberState(country) && EuVat.IsMemberState(company.CountryCode)
                            && !string.Equals(company.CountryCode!.Trim(), country, StringComparison.OrdinalIgnoreCase);
        var confirmed = vatId is not null && string.Equals(vatId, client.ConfirmedVatId, StringComparison.Ordinal);
        if (type == ClientTaxType.CompanyWithTaxId && crossBorderEu && !confirmed
            && MatchAndCompany(orderedRules, country, client.Region, ClientTaxType.CompanyWithoutTaxId, companies) is { Match.Rule: not null, Company: not null } asWithout)
        {
            // Only a rule for companies without a tax ID replaces the first match: with none, that rule's taxes still apply.
            type = ClientTaxType.CompanyWithoutTaxId;
            (match, company) = asWithout;
        }
        if (crossBorderEu && confirmed)
            return new TaxSelection(company.Id, match.Rule, type, [], true,
                string.IsNullOrWhiteSpace(company.EuTaxNote) ? EuVat.ReverseChargeNote : company.EuTaxNote.Trim(), vatId);
        return new TaxSelection(company.Id, match.Rule, type, match.Taxes, false, null, vatId);
    }

    /// <summary>The first rule that matches, and the company that bills with it (the default company when none matches).</summary>
    private static (TaxRuleMatch Match, TaxCompany? Company) MatchAndCompany(IReadOnlyList<TaxRule> orderedRules, string country, string? region, ClientTaxType type,
        IReadOnlyList<TaxCompany> companies)
    {
        var match = TaxRuleMatcher.Match(orderedRules, country, region, type);
        var company = (match.Rule is { } rule ? companies.FirstOrDefault(c => c.Id == rule.HomeCompanyId) : null)
                      ?? companies.FirstOrDefault(c => c.IsDefault);
        return (match, company);
    }
}
