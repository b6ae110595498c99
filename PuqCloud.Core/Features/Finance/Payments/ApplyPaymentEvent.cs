using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>What applying a payment event did: the payment (a new one, or the one an earlier delivery of the event made) and the final invoice if it completed the proforma.</summary>
public sealed record AppliedPayment(Guid PaymentId, Guid DocumentId, Guid ClientId, bool Duplicate, Guid? InvoiceId);

/// <summary>
/// The host's one way of applying a standard payment event (a staff entry or a webhook, both turned into a
/// <see cref="PaymentEvent"/> by the gateway's module), in one transaction:
/// <list type="number">
/// <item>An event of the gateway already applied returns its payment and writes nothing (also when five deliveries race:
/// the document's row is locked first, so they queue, and the unique (gateway, event id) index refuses any that slips past).</item>
/// <item>Refused with nothing written: a document of another company than the gateway's, a currency the gateway does not
/// take or other than the document's, a document that is not an unpaid proforma, an amount above what is still due.</item>
/// <item>Records the payment and posts ONE ledger Payment row crediting the balance net of tax
/// (<see cref="Document.NetOfTax"/>; gross = the amount, fees = its tax part) and raises the proforma's amount paid.</item>
/// <item>When the proforma is fully paid, issues its final invoice: the same lines and taxes, fresh snapshots of the client
/// and the company, related to the proforma, numbered now in the company's invoice series (issue date = numbering date);
/// the proforma becomes Invoiced.</item>
/// </list>
/// Live pages hear of the documents and the balance after the commit. Refund events go to <see cref="ApplyRefundEvent"/>.
/// </summary>
public static class ApplyPaymentEvent
{
    private const int MaxAttempts = 5;

    /// <summary>The gateway as the host checks it: its company, name and the currencies it takes.</summary>
    public sealed record Gateway(Guid Id, Guid HomeCompanyId, string DisplayName, IReadOnlyList<string> Currencies);

    public static async Task<AppliedPayment> RunAsync(IDbContextFactory<AppDbContext> contexts, Gateway gateway, PaymentEvent paymentEvent, Guid? staffAccountId,
        BillingClock clock, ILiveEvents live, CancellationToken cancellationToken)
    {
        if (paymentEvent.Kind != PaymentEventKind.Payment)
            throw new RuleViolationException("This is a refund, not a payment: staff refund a payment from its document; a gateway reports refunds to its webhook.");
        var eventId = paymentEvent.GatewayEventId?.Trim() ?? "";
        if (eventId.Length is 0 or > 200) throw new RuleViolationException("The gateway's event has no usable id.");
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await ExistingAsync(db, gateway.Id, eventId, paymentEvent, cancellationToken) is { } earlier) return earlier;
            var now = clock.UtcNow;
            var documentId = await DocumentIdAsync(db, gateway, paymentEvent, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Payments of one document queue on its row: whoever waited here sees the winner's payment below.
            await db.Documents.Where(d => d.Id == documentId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Revision, d => d.Revision), cancellationToken);
            if (await ExistingAsync(db, gateway.Id, eventId, paymentEvent, cancellationToken) is { } raced) return raced;
            var document = await db.Documents.Include(d => d.Lines).Include(d => d.Taxes).AsSplitQuery().FirstAsync(d => d.Id == documentId, cancellationToken);
            if (document is { Kind: DocumentType.Proforma, Status: DocumentStatus.Expired }) document.ReopenForPayment();
            Check(gateway, document, paymentEvent);

            // What the balance kept of the document's earlier payments: their net, less the net of what was refunded of them.
            var netBefore = (await db.Payments.Where(p => p.DocumentId == document.Id).Select(p => p.NetAmount).ToListAsync(cancellationToken)).Sum()
                - (await db.Refunds.Where(r => r.DocumentId == document.Id).Select(r => r.NetAmount).ToListAsync(cancellationToken)).Sum();
            var amount = paymentEvent.Amount;
            var net = document.NetOfTax(amount, netBefore);
            var completes = document.RecordPayment(amount);
            var description = $"Payment of {document.Number} via {gateway.DisplayName}" + (string.IsNullOrWhiteSpace(paymentEvent.Reference) ? "" : $" ({paymentEvent.Reference.Trim()})");
            var rows = await Ledger.PostAsync(db, document.ClientId,
                new LedgerPosting(LedgerEntryType.Payment, net, description.Length <= 500 ? description : description[..500])
                    { Gross = amount, Fees = amount - net, StaffAccountId = staffAccountId }, now, cancellationToken);
            var payment = new Payment
            {
                DocumentId = document.Id, ClientId = document.ClientId, PaymentGatewayId = gateway.Id, GatewayEventId = eventId, Amount = amount, NetAmount = net,
                CurrencyCode = document.CurrencyCode, ReceivedAt = paymentEvent.ReceivedAt, Reference = Cut(paymentEvent.Reference?.Trim(), 200),
                StaffAccountId = staffAccountId, LedgerEntryId = rows[0].Id, CreatedAt = now,
            };
            db.Payments.Add(payment);
            Document? invoice = null;
            if (completes)
            {
                invoice = await IssueInvoiceAsync(db, document, now, cancellationToken);
                document.MarkInvoiced();
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another delivery of the event won (the unique index), or another payment moved the document first: read the
                // winner, or try again on the document as it is now.
                await transaction.RollbackAsync(CancellationToken.None);
                await using var read = await contexts.CreateDbContextAsync(cancellationToken);
                if (await ExistingAsync(read, gateway.Id, eventId, paymentEvent, cancellationToken) is { } winner) return winner;
                continue;
            }
            await live.PublishAsync(new LiveEvent(DocumentTopics.Documents, document.ClientId.ToString(), now), cancellationToken);
            await live.PublishAsync(new LiveEvent(ServiceTopics.Services, document.ClientId.ToString(), now), cancellationToken);
            return new AppliedPayment(payment.Id, document.Id, document.ClientId, false, invoice?.Id);
        }
    }

    /// <summary>
    /// The payment this event was applied as already, if any. One that went to another document than the event names is not
    /// this payment seen again but another one alike (two bank transfers of the same reference, amount and day): answered as
    /// a duplicate, the second would never be credited, so it is refused under its reference instead.
    /// </summary>
    private static async Task<AppliedPayment?> ExistingAsync(AppDbContext db, Guid gatewayId, string eventId, PaymentEvent e, CancellationToken cancellationToken)
    {
        var earlier = await db.Payments.AsNoTracking().Where(p => p.PaymentGatewayId == gatewayId && p.GatewayEventId == eventId)
            .Select(p => new
            {
                Applied = new AppliedPayment(p.Id, p.DocumentId, p.ClientId, true,
                    db.Documents.Where(d => d.RelatedDocumentId == p.DocumentId && d.Kind == DocumentType.Invoice).Select(d => (Guid?)d.Id).FirstOrDefault()),
                Number = db.Documents.Where(d => d.Id == p.DocumentId).Select(d => d.Number).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is null) return null;
        var sameDocument = e.DocumentId is { } id ? id == earlier.Applied.DocumentId
            : string.IsNullOrWhiteSpace(e.DocumentNumber) || string.Equals(e.DocumentNumber.Trim(), earlier.Number, StringComparison.Ordinal);
        if (!sameDocument)
            throw RequestValidationException.For(nameof(PaymentEvent.Reference),
                $"A payment with this reference, amount and day was recorded on {earlier.Number} already. If this is another one, enter a reference of its own (the bank's transaction id, say).");
        return earlier.Applied;
    }

    /// <summary>The document the event names: by id, or by number among the proformas of the gateway's company.</summary>
    private static async Task<Guid> DocumentIdAsync(AppDbContext db, Gateway gateway, PaymentEvent e, CancellationToken cancellationToken)
    {
        Guid? id = e.DocumentId is { } byId
            ? await db.Documents.Where(d => d.Id == byId).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken)
            : string.IsNullOrWhiteSpace(e.DocumentNumber) ? null
            : await db.Documents.Where(d => d.HomeCompanyId == gateway.HomeCompanyId && d.Kind == DocumentType.Proforma && d.Number == e.DocumentNumber.Trim())
                .Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        return id ?? throw new NotFoundException("There is no such document.");
    }

    /// <summary>The refusals, before anything is written: company, currency, status, amount.</summary>
    private static void Check(Gateway gateway, Document document, PaymentEvent e)
    {
        if (document.HomeCompanyId != gateway.HomeCompanyId)
            throw RequestValidationException.For("GatewayId", $"{gateway.DisplayName} is a gateway of another home company than the one that issued {document.Number}.");
        if (!gateway.Currencies.Contains(e.CurrencyCode, StringComparer.OrdinalIgnoreCase))
            throw RequestValidationException.For("GatewayId", $"{gateway.DisplayName} does not take {e.CurrencyCode}: it takes {string.Join(", ", gateway.Currencies)}.");
        if (!string.Equals(e.CurrencyCode, document.CurrencyCode, StringComparison.OrdinalIgnoreCase))
            throw RequestValidationException.For("Amount", $"The payment is in {e.CurrencyCode}, but {document.Number} is in {document.CurrencyCode}.");
        if (document.Kind != DocumentType.Proforma || document.Status != DocumentStatus.Unpaid)
            throw new RuleViolationException(document.PaymentProblem(e.Amount) ?? $"{document.Number} takes no payments.");
        if (document.PaymentProblem(e.Amount) is { } problem) throw RequestValidationException.For("Amount", problem);
    }

    /// <summary>The final invoice of a paid proforma, numbered in the company's invoice series in the caller's transaction.</summary>
    private static async Task<Document> IssueInvoiceAsync(AppDbContext db, Document proforma, DateTime now, CancellationToken cancellationToken)
    {
        var company = await db.HomeCompanies.AsNoTracking().FirstAsync(c => c.Id == proforma.HomeCompanyId, cancellationToken);
        var invoice = Document.Draft(DocumentType.Invoice, proforma.HomeCompanyId, proforma.ClientId, proforma.CurrencyCode, proforma.CurrencyDecimals,
            proforma.Lines.OrderBy(l => l.Position).Select(l => new DocumentLineInput(l.Description, l.Quantity, l.UnitPrice)).ToList(),
            proforma.Taxes.OrderBy(t => t.Position).Select(t => new TaxLine(t.Name, t.Rate)).ToList(),
            await DocumentParties.ClientNowAsync(db, proforma.ClientId, cancellationToken), DocumentParties.Company(company),
            proforma.ReverseCharge, proforma.LegalNote, proforma.Id);
        if (invoice.Subtotal != proforma.Subtotal || invoice.TaxTotal != proforma.TaxTotal || invoice.Total != proforma.Total)
            throw new InvalidOperationException($"The invoice of {proforma.Number} does not add up to the proforma.");
        invoice.Issue(await DocumentNumbers.TakeNextAsync(db, proforma.HomeCompanyId, DocumentType.Invoice, now, cancellationToken), now);
        invoice.SettleBy(proforma);
        db.Documents.Add(invoice);
        return invoice;
    }

    private static string? Cut(string? text, int length) => text is null ? null : text.Length <= length ? text : text[..length];
}
