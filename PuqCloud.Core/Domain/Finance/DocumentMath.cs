using System.Text.Json;

namespace PuqCloud.Core.Domain.Finance;

/// <summary>A line as it is asked for: what, how many, at what unit price (in the document's currency).</summary>
public sealed record DocumentLineInput(string Description, decimal Quantity, decimal UnitPrice);

/// <summary>A computed line: its amount is quantity × unit price at the currency's minor unit.</summary>
public sealed record DocumentLineFigure(string Description, decimal Quantity, decimal UnitPrice, decimal Amount);

/// <summary>A computed tax line: the rate applied to the taxable base, rounded on its own to the currency's minor unit.</summary>
public sealed record DocumentTaxFigure(string Name, decimal Rate, decimal TaxableBase, decimal Amount);

/// <summary>The figures of a document. <see cref="Total"/> is always <see cref="Subtotal"/> + <see cref="TaxTotal"/>.</summary>
public sealed record DocumentFigures(IReadOnlyList<DocumentLineFigure> Lines, IReadOnlyList<DocumentTaxFigure> Taxes, decimal Subtotal, decimal TaxTotal, decimal Total);

/// <summary>
/// The arithmetic of documents, pure, through the one rounding policy (<see cref="MoneyRounding"/>): each line at the
/// currency's minor unit, the subtotal their sum, each tax line rounded on its own (half away from zero) to the minor
/// unit on the subtotal as its base, the tax total the sum of the rounded tax lines, and total = subtotal + taxes, so
/// that the printed figures always add up. Taxes are not compounded: each is charged on the subtotal.
/// </summary>
public static class DocumentMath
{
    public static DocumentFigures Compute(IReadOnlyList<DocumentLineInput> lines, IReadOnlyList<TaxLine> taxes, int currencyDecimals)
    {
        var lineFigures = lines.Select(l => new DocumentLineFigure(l.Description, l.Quantity, l.UnitPrice,
            MoneyRounding.MinorUnit(l.Quantity * l.UnitPrice, currencyDecimals))).ToList();
        var subtotal = lineFigures.Sum(l => l.Amount);
        var taxFigures = taxes.Select(t => new DocumentTaxFigure(t.Name, t.Rate, subtotal,
            MoneyRounding.MinorUnit(subtotal * t.Rate / 100m, currencyDecimals))).ToList();
        var taxTotal = taxFigures.Sum(t => t.Amount);
        return new DocumentFigures(lineFigures, taxFigures, subtotal, taxTotal, subtotal + taxTotal);
    }
}

/// <summary>
/// A party of a document (the client, or the billing company) frozen as it was when the document was made, so that
/// later changes of the client's address or the company's legal data never change a document already made.
/// </summary>
public sealed record DocumentParty(
    string Name,
    string? LegalName = null,
    string? ContactName = null,
    string? Email = null,
    string? Address1 = null,
    string? Address2 = null,
    string? City = null,
    string? Postcode = null,
    string? CountryCode = null,
    string? Region = null,
    string? VatId = null,
    string? TaxNumber = null,
    string? RegistrationNumber = null,
    string? Note = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DocumentParty FromJson(string json) => JsonSerializer.Deserialize<DocumentParty>(json, Json) ?? new DocumentParty("");
}
