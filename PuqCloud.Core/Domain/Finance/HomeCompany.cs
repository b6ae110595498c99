using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Finance;

/// <summary>The pictures of a home company's documents.</summary>
public enum HomeCompanyImageSlot
{
    Logo,
    Signature,
}

public enum PaperSize
{
    A4,
    Letter,
}

/// <summary>
/// The legal entity that bills: it appears on invoices, credit notes, e-mails and payment pages. Exactly one
/// is the default; it bills whenever no tax rule names another.
/// </summary>
public class HomeCompany : Entity, IHasAuditTimes
{
    /// <summary>The internal name staff see in lists, e.g. "North America".</summary>
    public string Name { get; set; } = "";
    public bool IsDefault { get; set; }

    // General
    public string? LegalName { get; set; }
    public string? Address1 { get; set; }
    public string? Address2 { get; set; }
    public string? City { get; set; }
    public string? Postcode { get; set; }
    public string? CountryCode { get; set; }
    /// <summary>ISO 3166-2 code of the region, or its name where the country has no subdivisions listed.</summary>
    public string? Region { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }

    // Images (paths of the image store)
    public string? LogoPath { get; set; }
    public string? SignaturePath { get; set; }

    // Tax settings
    public string? EuVatId { get; set; }
    public string? TaxNumber { get; set; }
    public string? RegistrationNumber { get; set; }
    /// <summary>Printed on documents for EU business clients, e.g. the reverse-charge sentence.</summary>
    public string? EuTaxNote { get; set; }
    /// <summary>What the law of the company's country asks documents to say (share capital, court register…).</summary>
    public string? CountryTaxNote { get; set; }

    // Email settings: the sender identity of notifications sent on the company's behalf.
    public string? SenderName { get; set; }
    public string? SenderEmail { get; set; }
    public string? ReplyToEmail { get; set; }
    /// <summary>Comma-separated addresses that get a blind copy of every notification.</summary>
    public string? BccEmails { get; set; }

    // Invoice settings (numbering lives in DocumentNumberSeries)
    /// <summary>The item text of a proforma that tops up the balance.</summary>
    public string? AddFundsItemText { get; set; }
    /// <summary>The item text of a credit note's refund line.</summary>
    public string? RefundItemText { get; set; }
    public PaperSize PaperSize { get; set; } = PaperSize.A4;

    public List<DocumentNumberSeries> NumberSeries { get; set; } = [];
    public List<PaymentGateway> PaymentGateways { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A payment module attached to a home company under a key of its own (e.g. stripe_main), with its own settings (the
/// module's gateway form, secrets encrypted), the currencies it takes, its place in the order payers see and an on/off switch.
/// </summary>
public class PaymentGateway : Entity, IHasAuditTimes
{
    public Guid HomeCompanyId { get; set; }
    public string Key { get; set; } = "";
    public string ModuleKey { get; set; } = "";
    /// <summary>What payers see ("Bank transfer"); empty shows the module's name.</summary>
    public string Name { get; set; } = "";
    /// <summary>
    /// A gateway switched off is not offered to payers and takes no staff entries; while its module is active, a payment
    /// its webhook reports is held for staff and a refund is booked.
    /// </summary>
    public bool IsEnabled { get; set; } = true;
    /// <summary>1, 2, 3… within the company: the order payers see the gateways in.</summary>
    public int Position { get; set; }
    /// <summary>The currency codes the gateway takes, comma-separated ("EUR,PLN"); at least one.</summary>
    public string CurrencyCodes { get; set; } = "";
    public List<PaymentGatewaySetting> Settings { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<string> Currencies => CurrencyCodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Allows(string currencyCode) => Currencies.Contains(currencyCode, StringComparer.OrdinalIgnoreCase);

    /// <summary>Codes in upper case, each once, in alphabetical order.</summary>
    public static string JoinCurrencies(IEnumerable<string?> codes) =>
        string.Join(',', codes.Select(c => c?.Trim().ToUpperInvariant() ?? "").Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal));
}

/// <summary>A value of a gateway's settings form; a secret is stored encrypted (Data Protection) and never shown again.</summary>
public class PaymentGatewaySetting
{
    public Guid PaymentGatewayId { get; set; }
    public string Key { get; set; } = "";
    [Sensitive] public string? Value { get; set; }
    public bool IsSecret { get; set; }
}
