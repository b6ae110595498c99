using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Finance;

/// <summary>
/// Where a document stands. A proforma goes Draft → Unpaid (numbered) → Paid (fully paid) → Invoiced (its final
/// invoice issued), or from Unpaid to Expired (not paid in time) or Cancelled. Invoices and credit notes are numbered
/// when they are made and are Issued from then on.
/// </summary>
public enum DocumentStatus
{
    Draft,
    Unpaid,
    Paid,
    Invoiced,
    Expired,
    Cancelled,
    Issued,
}

/// <summary>
/// A billing document: a proforma (a request to pay, e.g. for adding funds), a final invoice, or a credit note. Once
/// numbered it is a legal record a tax office may read years later: its lines, taxes, totals and the frozen data of
/// the client and of the billing company never change again (<see cref="EnsureEditable"/>). A mistake in an issued
/// invoice is never corrected by editing it: a credit note is issued against it (<see cref="RelatedDocumentId"/>)
/// and, where needed, a new invoice.
/// </summary>
public class Document : Entity, IHasAuditTimes
{
    public DocumentType Kind { get; private set; }
    public DocumentStatus Status { get; private set; }
    /// <summary>The home company that bills; its numbering gives <see cref="Number"/>.</summary>
    public Guid HomeCompanyId { get; private set; }
    public Guid ClientId { get; private set; }
    /// <summary>Null until numbered; unique per home company and kind (a database index holds it).</summary>
    public string? Number { get; private set; }
    /// <summary>The issue date, which is the numbering date (null while a draft).</summary>
    public DateTime? IssuedAt { get; private set; }
    /// <summary>When a proforma is due (it expires after it); null for invoices and credit notes.</summary>
    public DateTime? DueAt { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    /// <summary>The currency's minor unit when the document was made: every amount of the document has at most these digits.</summary>
    public int CurrencyDecimals { get; private set; }
    public decimal Subtotal { get; private set; }
    public decimal TaxTotal { get; private set; }
    /// <summary><see cref="Subtotal"/> + <see cref="TaxTotal"/>: what the client pays.</summary>
    public decimal Total { get; private set; }
    /// <summary>What payments have brought in so far (<see cref="RecordPayment"/>).</summary>
    public decimal AmountPaid { get; private set; }
    /// <summary>The client's name, address and tax ID as they were when the document was made (JSON of <see cref="DocumentParty"/>).</summary>
    public string ClientSnapshot { get; private set; } = "{}";
    /// <summary>The billing company's legal data as it was when the document was made (JSON of <see cref="DocumentParty"/>).</summary>
    public string CompanySnapshot { get; private set; } = "{}";
    /// <summary>EU reverse charge: no VAT on the document, the recipient accounts for it; <see cref="LegalNote"/> says so.</summary>
    public bool ReverseCharge { get; private set; }
    /// <summary>The legal sentence printed on the document (the reverse-charge note), if any.</summary>
    public string? LegalNote { get; private set; }
    /// <summary>The document this one follows from: a proforma's final invoice points to the proforma, a credit note to its invoice.</summary>
    public Guid? RelatedDocumentId { get; private set; }
    /// <summary>Moves with every change: two writers that read the same document cannot both save (a concurrency token).</summary>
    public int Revision { get; private set; }
    public List<DocumentLine> Lines { get; private set; } = [];
    public List<DocumentTaxAmount> Taxes { get; private set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    private Document()
    {
    }

    /// <summary>A draft with its figures computed by <see cref="DocumentMath"/> (each tax line at the currency's minor unit).</summary>
    public static Document Draft(DocumentType kind, Guid homeCompanyId, Guid clientId, string currencyCode, int currencyDecimals,
        IReadOnlyList<DocumentLineInput> lines, IReadOnlyList<TaxLine> taxes, DocumentParty client, DocumentParty company,
        bool reverseCharge = false, string? legalNote = null, Guid? relatedDocumentId = null)
    {
        if (lines.Count == 0) throw new ArgumentException("A document has at least one line.", nameof(lines));
        var figures = DocumentMath.Compute(lines, taxes, currencyDecimals);
        return new Document
        {
            Kind = kind, Status = DocumentStatus.Draft, HomeCompanyId = homeCompanyId, ClientId = clientId, CurrencyCode = currencyCode,
            CurrencyDecimals = currencyDecimals, Subtotal = figures.Subtotal, TaxTotal = figures.TaxTotal, Total = figures.Total,
            ClientSnapshot = client.ToJson(), CompanySnapshot = company.ToJson(), ReverseCharge = reverseCharge, LegalNote = legalNote,
            RelatedDocumentId = relatedDocumentId,
            Lines = figures.Lines.Select((l, i) => new DocumentLine
            {
                Position = i + 1, Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice, Amount = l.Amount,
            }).ToList(),
            Taxes = figures.Taxes.Select((t, i) => new DocumentTaxAmount
            {
                Position = i + 1, Name = t.Name, Rate = t.Rate, TaxableBase = t.TaxableBase, Amount = t.Amount,
            }).ToList(),
        };
    }

    /// <summary>
    /// A draft credit note giving back <paramref name="gross"/> of what was paid on <paramref name="corrected"/> (the final
    /// invoice: a refund before it has no credit note), related to it, in its currency, with one line of <paramref name="net"/>
    /// and the tax part (gross − net) split over the corrected document's tax lines in proportion to their amounts (the last
    /// line takes the rest), so that its total is exactly <paramref name="gross"/>. Its amounts are positive: the kind says
    /// they are given back. Fresh snapshots of the parties are the caller's.
    /// </summary>
    public static Document CreditNoteFor(Document corrected, string description, decimal gross, decimal net, DocumentParty client, DocumentParty company)
    {
        var decimals = corrected.CurrencyDecimals;
        if (gross <= 0m || net < 0m || net > gross) throw new ArgumentException("A credit note gives back a positive amount, of which net is a part.", nameof(gross));
        if (!MoneyRounding.Fits(gross, decimals) || !MoneyRounding.Fits(net, decimals))
            throw new ArgumentException($"A credit note's amounts have at most {decimals} decimal place(s).", nameof(gross));
        var tax = gross - net;
        var lines = corrected.Taxes.OrderBy(t => t.Position).ToList();
        if (lines.Count == 0 && tax != 0m) throw new InvalidOperationException($"{corrected.Number} has no taxes, yet the refund has a tax part.");
        var weight = lines.Sum(t => t.Amount);
        var taxes = new List<DocumentTaxAmount>();
        var left = tax;
        for (var i = 0; i < lines.Count; i++)
        {
            var share = i == lines.Count - 1 ? left
                : weight == 0m ? 0m : MoneyRounding.MinorUnit(tax * lines[i].Amount / weight, decimals);
            left -= share;
            taxes.Add(new DocumentTaxAmount { Position = i + 1, Name = lines[i].Name, Rate = lines[i].Rate, TaxableBase = net, Amount = share });
        }
        return new Document
        {
            Kind = DocumentType.CreditNote, Status = DocumentStatus.Draft, HomeCompanyId = corrected.HomeCompanyId, ClientId = corrected.ClientId,
            CurrencyCode = corrected.CurrencyCode, CurrencyDecimals = decimals, Subtotal = net, TaxTotal = tax, Total = gross,
            ClientSnapshot = client.ToJson(), CompanySnapshot = company.ToJson(), ReverseCharge = corrected.ReverseCharge, LegalNote = corrected.LegalNote,
            RelatedDocumentId = corrected.Id,
            Lines = [new DocumentLine { Position = 1, Description = description, Quantity = 1m, UnitPrice = net, Amount = net }],
            Taxes = taxes,
        };
    }

    public bool IsNumbered => Number is not null;

    /// <summary>Refuses any change to a document that is no longer a draft: issued documents are corrected by a credit note, never edited.</summary>
    public void EnsureEditable()
    {
        if (Status != DocumentStatus.Draft || IsNumbered)
            throw new InvalidOperationException($"Document {Number} is issued and cannot be edited: correct it with a credit note.");
    }

    /// <summary>
    /// Gives the draft its number and issue date (the numbering date): a proforma becomes Unpaid and due at
    /// <paramref name="dueAt"/>, an invoice or credit note Issued. Take the number in the transaction that saves the document.
    /// </summary>
    public void Issue(string number, DateTime issuedAt, DateTime? dueAt = null)
    {
        EnsureEditable();
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        if (Kind == DocumentType.Proforma && dueAt is null) throw new ArgumentException("A proforma is issued with a due date.", nameof(dueAt));
        Number = number;
        IssuedAt = issuedAt;
        DueAt = Kind == DocumentType.Proforma ? dueAt : null;
        Status = Kind == DocumentType.Proforma ? DocumentStatus.Unpaid : DocumentStatus.Issued;
        Revision++;
    }

    /// <summary>
    /// Whether an unpaid proforma is past its due date plus <paramref name="grace"/> at <paramref name="now"/>: only an
    /// Unpaid proforma on which nothing was paid expires (one partly paid waits for the rest; one paid, invoiced or
    /// cancelled never expires).
    /// </summary>
    public bool IsExpiredAt(DateTime now, TimeSpan grace) =>
        Kind == DocumentType.Proforma && Status == DocumentStatus.Unpaid && AmountPaid == 0m && DueAt is { } due && due + grace <= now;

    /// <summary>
    /// Moves an unpaid proforma that was not paid in time to Expired: it stops waiting (and counting against the client's
    /// limits); a payment that arrives on it after all reopens it (<see cref="ReopenForPayment"/>). Refused for
    /// anything else (<see cref="IsExpiredAt"/>). Bumps <see cref="Revision"/>, so a payment that read the proforma before
    /// and an expiry cannot both be saved: one of them wins.
    /// </summary>
    public void Expire(DateTime now, TimeSpan grace)
    {
        if (!IsExpiredAt(now, grace))
            throw new InvalidOperationException(Kind == DocumentType.Proforma && Status == DocumentStatus.Unpaid
                ? $"Proforma {Number} is not past its due date yet."
                : $"Only an unpaid proforma expires; {Number} is {Status}.");
        Status = DocumentStatus.Expired;
        Revision++;
    }

    /// <summary>
    /// An expired proforma on which a payment arrives after all (a gateway's late notification, a transfer that took its
    /// time) is Unpaid again, so that the payment is applied: the money was taken, and refusing it would leave it nowhere.
    /// </summary>
    public void ReopenForPayment()
    {
        if (Kind != DocumentType.Proforma || Status != DocumentStatus.Expired) throw new InvalidOperationException($"Only an expired proforma is reopened; {Number} is {Status}.");
        Status = DocumentStatus.Unpaid;
        Revision++;
    }

    /// <summary>
    /// A payment of this proforma, made while it waits for the rest, is refunded (in part): the money was given back, so what
    /// the proforma has been paid goes down by it and what it still asks for grows back; with nothing paid it may expire again.
    /// </summary>
    public void TakeBackPayment(decimal amount)
    {
        if (Kind != DocumentType.Proforma || Status != DocumentStatus.Unpaid) throw new InvalidOperationException($"Only an unpaid proforma takes a payment back; {Number} is {Status}.");
        if (amount <= 0m || amount > AmountPaid) throw new InvalidOperationException($"{Number} was paid {AmountPaid}; {amount} cannot be taken back.");
        AmountPaid -= amount;
        Revision++;
    }

    /// <summary>What is still to pay: <see cref="Total"/> − <see cref="AmountPaid"/>.</summary>
    public decimal AmountDue => Total - AmountPaid;

    /// <summary>
    /// Why <paramref name="amount"/> cannot be paid on this document now (null when it can): only an unpaid proforma takes
    /// payments, a positive amount at the currency's minor unit, at most what is still due (no overpayment).
    /// </summary>
    public string? PaymentProblem(decimal amount)
    {
        if (Kind != DocumentType.Proforma) return "Payments are made on proformas; this document is not one.";
        if (Status != DocumentStatus.Unpaid) return $"Proforma {Number} is {Status.ToString().ToLowerInvariant()}: it takes no more payments.";
        if (amount <= 0m) return "Enter a positive amount.";
        if (!MoneyRounding.Fits(amount, CurrencyDecimals))
            return CurrencyDecimals == 0 ? "The currency has no decimals: use a whole amount." : $"The currency has {CurrencyDecimals} decimal place(s): use at most that many.";
        if (amount > AmountDue) return $"At most {AmountDue.ToString("F" + CurrencyDecimals, System.Globalization.CultureInfo.InvariantCulture)} {CurrencyCode} is still due.";
        return null;
    }

    /// <summary>
    /// The part of a payment that credits the balance, net of the document's taxes, at the currency's minor unit. It is
    /// rounded on the running total, as refunds are: all that is paid so far × subtotal / total, less what earlier payments
    /// credited (<paramref name="netCreditedBefore"/>). Rounded payment by payment, seventeen payments of 0.07 on 1.23 (1.00
    /// and 23 % tax) credited 0.06 each, 1.02 for the 1.00 the document sells, and the last one took 0.02 back. The payment
    /// that completes the document gets the rest of the subtotal, so that the credits add up to it exactly. (After a refund of an
    /// earlier payment, whose net was its own payment's share, a partial payment still credits no more than it brings.)
    /// </summary>
    public decimal NetOfTax(decimal amount, decimal netCreditedBefore) =>
        amount == AmountDue ? Subtotal - netCreditedBefore
            : Math.Clamp(MoneyRounding.MinorUnit((AmountPaid + amount) * Subtotal / Total, CurrencyDecimals) - netCreditedBefore, 0m, amount);

    /// <summary>Adds a payment (refused as <see cref="PaymentProblem"/> says); true when it completes the document, which is then Paid.</summary>
    public bool RecordPayment(decimal amount)
    {
        if (PaymentProblem(amount) is { } problem) throw new InvalidOperationException(problem);
        AmountPaid += amount;
        Revision++;
        if (AmountPaid < Total) return false;
        Status = DocumentStatus.Paid;
        return true;
    }

    /// <summary>A paid proforma whose final invoice is issued (in the same transaction) becomes Invoiced.</summary>
    public void MarkInvoiced()
    {
        if (Kind != DocumentType.Proforma || Status != DocumentStatus.Paid) throw new InvalidOperationException("Only a paid proforma is invoiced.");
        Status = DocumentStatus.Invoiced;
        Revision++;
    }

    /// <summary>
    /// The final invoice of a paid proforma is settled by the proforma's payments: it shows them as paid (nothing remains),
    /// so that nobody reads "paid 0.00" on an invoice issued because the money arrived.
    /// </summary>
    public void SettleBy(Document proforma)
    {
        if (Kind != DocumentType.Invoice || Status != DocumentStatus.Issued || RelatedDocumentId != proforma.Id || proforma.AmountPaid != Total)
            throw new InvalidOperationException("Only the issued final invoice of a proforma paid in full is settled by it.");
        AmountPaid = Total;
        Revision++;
    }
}

/// <summary>A line of a document: quantity × unit price, rounded to the currency's minor unit.</summary>
public class DocumentLine
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DocumentId { get; set; }
    /// <summary>1, 2, 3… in the order printed.</summary>
    public int Position { get; set; }
    public string Description { get; set; } = "";
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>A tax line of a document: the tax's name and rate, the base it is charged on and the amount at the currency's minor unit.</summary>
public class DocumentTaxAmount
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DocumentId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Percent, up to 3 decimals (23.000).</summary>
    public decimal Rate { get; set; }
    public decimal TaxableBase { get; set; }
    public decimal Amount { get; set; }
}
