using PuqCloud.Core.Domain.Finance;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// A document as lists show it (a client's Invoices tab, Finance → Invoices): kind, status, number (null while a
/// draft), the issue and due dates, and the total and what was paid, as figures and in the currency's style.
/// </summary>
public sealed record DocumentListItem(
    Guid Id,
    DocumentType Kind,
    DocumentStatus Status,
    string? Number,
    Guid ClientId,
    string ClientName,
    Guid HomeCompanyId,
    string HomeCompanyName,
    string CurrencyCode,
    decimal Subtotal,
    decimal TaxTotal,
    decimal Total,
    decimal AmountPaid,
    string TotalText,
    string AmountPaidText,
    DateTime? IssuedAt,
    DateTime? DueAt,
    DateTime CreatedAt);

/// <summary>A line of a document with its amounts in the currency's style.</summary>
public sealed record DocumentLineDto(int Position, string Description, decimal Quantity, decimal UnitPrice, decimal Amount, string UnitPriceText, string AmountText);

/// <summary>A tax line of a document: rate in percent, the base it was charged on and the amount.</summary>
public sealed record DocumentTaxDto(int Position, string Name, decimal Rate, decimal TaxableBase, decimal Amount, string TaxableBaseText, string AmountText);

/// <summary>A whole document: its figures, lines, taxes, the frozen client and company data, the reverse-charge note and the related document.</summary>
public sealed record DocumentDetails(
    Guid Id,
    DocumentType Kind,
    DocumentStatus Status,
    string? Number,
    Guid ClientId,
    string ClientName,
    Guid HomeCompanyId,
    string HomeCompanyName,
    string CurrencyCode,
    int CurrencyDecimals,
    decimal Subtotal,
    decimal TaxTotal,
    decimal Total,
    decimal AmountPaid,
    string SubtotalText,
    string TaxTotalText,
    string TotalText,
    string AmountPaidText,
    DateTime? IssuedAt,
    DateTime? DueAt,
    DateTime CreatedAt,
    IReadOnlyList<DocumentLineDto> Lines,
    IReadOnlyList<DocumentTaxDto> Taxes,
    bool ReverseCharge,
    string? LegalNote,
    Guid? RelatedDocumentId,
    DocumentParty Client,
    DocumentParty Company)
{
    /// <summary>
    /// The documents this one is tied to, both ways: the one it follows from (<see cref="RelatedDocumentId"/>: a final
    /// invoice's proforma, a credit note's invoice) and those that follow from it (a proforma's invoice, an invoice's credit notes).
    /// </summary>
    public IReadOnlyList<DocumentLink> Related { get; init; } = [];

    /// <summary>What is left to pay: <see cref="Total"/> − <see cref="AmountPaid"/>, never below zero.</summary>
    public decimal Remaining => Math.Max(0m, Total - AmountPaid);

    /// <summary><see cref="Remaining"/> in the currency's style.</summary>
    public string RemainingText { get; init; } = "";
}

/// <summary>A document named in another one's page: enough to link to it.</summary>
public sealed record DocumentLink(Guid Id, DocumentType Kind, DocumentStatus Status, string? Number, DateTime? IssuedAt);

/// <summary>
/// What "Add funds" would issue for an amount, computed by the code that issues it: the billing company, the limits in
/// the client's currency, and (with an amount) the line, the taxes on top and the total the client would pay.
/// </summary>
public sealed record AddFundsPreview(
    Guid ClientId,
    string CurrencyCode,
    int CurrencyDecimals,
    Guid HomeCompanyId,
    string HomeCompanyName,
    decimal MinAmount,
    decimal MaxAmount,
    decimal MaxBalance,
    string MinAmountText,
    string MaxAmountText,
    string MaxBalanceText,
    string BalanceText,
    IReadOnlyList<DocumentLineDto> Lines,
    IReadOnlyList<DocumentTaxDto> Taxes,
    decimal Subtotal,
    decimal TaxTotal,
    decimal Total,
    string SubtotalText,
    string TaxTotalText,
    string TotalText,
    bool ReverseCharge,
    string? LegalNote);
