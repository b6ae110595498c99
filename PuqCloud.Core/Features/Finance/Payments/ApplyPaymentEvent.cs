using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// What applying a payment event did: the payment (a new one, or the one an earlier delivery of the event made) and the final
/// invoice if it completed the proforma; or, for a gateway's event the document could not take, the held payment
/// <see cref="HeldPaymentId"/> (and no payment until staff apply it).
/// </summary>
public sealed record AppliedPayment(Guid? PaymentId, Guid DocumentId, Guid ClientId, bool Duplicate, Guid? InvoiceId, Guid? HeldPaymentId = null);

/// <summary>
/// The host's one way of applying a standard payment event (a staff entry or a webhook, both turned into a
/// <see cref="PaymentEvent"/> by the gateway's module), in one transaction:
/// <list type="number">
/// <item>An event of the gateway already applied returns its payment and writes nothing (also when five deliveries race:
/// the document's row is locked first, so they queue, and the unique (gateway, event id) index refuses any that slips past).</item>
/// <item>Refused with nothing written: a document of another company than the gateway's, a currency the gateway does not
/// take or other than the document's, a document that is not an unpaid proforma, an amount above what is still due.
/// Staff see the refusal; a gateway's event, though, is money the gateway took already, so it is held instead
/// (<see cref="HeldPayment"/>, with the refusal as its reason): off the balance and off the document, once per event,
/// until staff apply it to another proforma (<paramref name="heldPaymentId"/>: this same step, which marks it applied in
/// the payment's transaction) or give it back.</item>
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

    /// <param name="staffAccountId">Who enters the payment; null for a gateway's own event, which is held when the document cannot take it.</param>
    /// <param name="heldPaymentId">The held payment staff apply with this event (made from it, for the document they chose).</param>
    /// <param name="holdReason">Why a gateway's own event is held for staff even when the document could take it (its gateway is switched off).</param>
    public static async Task<AppliedPayment> RunAsync(IDbContextFactory<AppDbContext> contexts, Gateway gateway, PaymentEvent paymentEvent, Guid? staffAccountId,
        Guid? heldPaymentId, BillingClock clock, ILiveEvents live, CancellationToken cancellationToken, string? holdReason = null)
    {
        if (paymentEvent.Kind != PaymentEventKind.Payment)
            throw new RuleViolationException("This is a refund, not a payment: staff refund a payment from its document; a gateway reports refunds to its webhook.");
        var eventId = paymentEvent.GatewayEventId?.Trim() ?? "";
        if (eventId.Length is 0 or > 200) throw new RuleViolationException("The gateway's event has no usable id.");
        if (paymentEvent.Amount <= 0m) throw RequestValidationException.For("Amount", "Enter a positive amount.");
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await HeldAsync(db, gateway.Id, eventId, staffAccountId, heldPaymentId, cancellationToken) is { } held) return held;
            if (await ExistingAsync(db, gateway.Id, eventId, paymentEvent, heldPaymentId, cancellationToken) is { } earlier) return earlier;
            var now = clock.UtcNow;
            var documentId = await DocumentIdAsync(db, gateway, paymentEvent, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Payments of one document queue on its row: whoever waited here sees the winner's payment below.
            await db.Documents.Where(d => d.Id == documentId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Revision, d => d.Revision), cancellationToken);
            if (await HeldAsync(db, gateway.Id, eventId, staffAccountId, heldPaymentId, cancellationToken) is { } heldRaced) return heldRaced;
            if (await ExistingAsync(db, gateway.Id, eventId, paymentEvent, heldPaymentId, cancellationToken) is { } raced) return raced;
            var document = await db.Documents.Include(d => d.Lines).Include(d => d.Taxes).AsSplitQuery().FirstAsync(d => d.Id == documentId, cancellationToken);
            if (document is { Kind: DocumentType.Proforma, Status: DocumentStatus.Expired }) document.ReopenForPayment();
            if ((Refusal(gateway, document, paymentEvent) ?? (holdReason is not null && staffAccountId is null ? new RuleViolationException(holdReason) : null)) is { } refusal)
            {
                if (staffAccountId is not null) throw refusal;
                var heldNow = await HoldAsync(db, transaction, gateway.Id, eventId, paymentEvent, document, Reason(refusal), now, attempt, cancellationToken);
                if (heldNow is null) continue;
                await live.PublishAsync(new LiveEvent(DocumentTopics.Documents, document.ClientId.ToString(), now), cancellationToken);
                return heldNow;
            }

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
                CurrencyCode = document.CurrencyCode, ReceivedAt = paymentEvent.ReceivedAt, Reference = TextCut.Cut(paymentEvent.Reference?.Trim(), 200),
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
                if (heldPaymentId is { } heldId && !await MarkAppliedAsync(db, heldId, payment.Id, amount, staffAccountId, now, cancellationToken))
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    throw new RuleViolationException("This held payment was applied, given back or partly refunded at the gateway meanwhile: nothing was recorded. Look at it again.");
                }
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another delivery of the event won (the unique index), or another payment moved the document first: read the
                // winner, or try again on the document as it is now.
                await transaction.RollbackAsync(CancellationToken.None);
                await using var read = await contexts.CreateDbContextAsync(cancellationToken);
                if (await HeldAsync(read, gateway.Id, eventId, staffAccountId, heldPaymentId, cancellationToken) is { } heldWinner) return heldWinner;
                if (await ExistingAsync(read, gateway.Id, eventId, paymentEvent, heldPaymentId, cancellationToken) is { } winner) return winner;
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
    /// a duplicate, the second would never be credited, so it is refused under its reference instead. When staff apply a held
    /// payment, its event's payment can only be that held payment applied a moment ago by someone else.
    /// </summary>
    private static async Task<AppliedPayment?> ExistingAsync(AppDbContext db, Guid gatewayId, string eventId, PaymentEvent e, Guid? heldPaymentId,
        CancellationToken cancellationToken)
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
        if (heldPaymentId is not null) throw new RuleViolationException("This payment is not held any more: it was applied already.");
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

    /// <summary>Why the document cannot take the payment, if it cannot: company, currency, status, amount.</summary>
    private static Exception? Refusal(Gateway gateway, Document document, PaymentEvent e)
    {
        if (document.HomeCompanyId != gateway.HomeCompanyId)
            return RequestValidationException.For("GatewayId", $"{gateway.DisplayName} is a gateway of another home company than the one that issued {document.Number}.");
        if (!gateway.Currencies.Contains(e.CurrencyCode, StringComparer.OrdinalIgnoreCase))
            return RequestValidationException.For("GatewayId", $"{gateway.DisplayName} does not take {e.CurrencyCode}: it takes {string.Join(", ", gateway.Currencies)}.");
        if (!string.Equals(e.CurrencyCode, document.CurrencyCode, StringComparison.OrdinalIgnoreCase))
            return RequestValidationException.For("Amount", $"The payment is in {e.CurrencyCode}, but {document.Number} is in {document.CurrencyCode}.");
        if (document.Kind != DocumentType.Proforma || document.Status != DocumentStatus.Unpaid)
            return new RuleViolationException(document.PaymentProblem(e.Amount) ?? $"{document.Number} takes no payments.");
        return document.PaymentProblem(e.Amount) is { } problem ? RequestValidationException.For("Amount", problem) : null;
    }

    /// <summary>What a refusal says, as a person reads it (a field refusal's own words, not its field's name).</summary>
    private static string Reason(Exception refusal) =>
        refusal is RequestValidationException invalid ? string.Join(" ", invalid.Errors.Values.SelectMany(m => m)) : refusal.Message;

    /// <summary>
    /// The held payment the event is already, for a gateway's delivery (answered as a duplicate) or a staff entry (refused:
    /// the money is there already); or, when staff apply <paramref name="heldPaymentId"/>, a refusal once it is not held any more.
    /// </summary>
    private static async Task<AppliedPayment?> HeldAsync(AppDbContext db, Guid gatewayId, string eventId, Guid? staffAccountId, Guid? heldPaymentId,
        CancellationToken cancellationToken)
    {
        if (heldPaymentId is { } id)
        {
            var status = await db.HeldPayments.Where(h => h.Id == id).Select(h => (HeldPaymentStatus?)h.Status).FirstOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("There is no such held payment.");
            return status == HeldPaymentStatus.Held ? null
                : throw new RuleViolationException($"This payment is not held any more: it was {status.ToString().ToLowerInvariant()} already.");
        }
        var held = await db.HeldPayments.AsNoTracking().FirstOrDefaultAsync(h => h.PaymentGatewayId == gatewayId && h.GatewayEventId == eventId, cancellationToken);
        if (held is null) return null;
        if (staffAccountId is not null)
            throw RequestValidationException.For(nameof(PaymentEvent.Reference),
                "This payment arrived from the gateway already and is held: apply it from the client's held payments instead of entering it again.");
        // Applied since: the payment it became is on the document staff chose.
        var documentId = held.PaymentId is { } paymentId
            ? await db.Payments.Where(p => p.Id == paymentId).Select(p => p.DocumentId).FirstAsync(cancellationToken)
            : held.DocumentId;
        return new AppliedPayment(held.PaymentId, documentId, held.ClientId, true, null, held.Id);
    }

    /// <summary>
    /// Keeps a gateway's payment the document could not take, in the caller's transaction (the document's row lock held);
    /// null when a concurrent delivery held it first (the caller reads that one on its next round).
    /// </summary>
    private static async Task<AppliedPayment?> HoldAsync(AppDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, Guid gatewayId,
        string eventId, PaymentEvent e, Document document, string reason, DateTime now, int attempt, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear(); // the document stays as it was (an expired one is not reopened for money it cannot take)
        var held = new HeldPayment
        {
            PaymentGatewayId = gatewayId, GatewayEventId = eventId, DocumentId = document.Id, ClientId = document.ClientId, Amount = e.Amount,
            CurrencyCode = e.CurrencyCode.ToUpperInvariant(), ReceivedAt = e.ReceivedAt, Reference = TextCut.Cut(e.Reference?.Trim(), 200), Reason = TextCut.Cut(reason, 500)!,
            Status = HeldPaymentStatus.Held, CreatedAt = now,
        };
        db.HeldPayments.Add(held);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException) when (attempt < MaxAttempts)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return null;
        }
        return new AppliedPayment(null, document.Id, document.ClientId, false, null, held.Id);
    }

    /// <summary>
    /// Marks the held payment applied as <paramref name="paymentId"/>, in the payment's transaction; false when it is not held
    /// any more, or no longer holds <paramref name="amount"/> (the gateway gave a part back since staff looked). The update
    /// takes the held payment's row lock, which a gateway's refund of held money takes too, so what it reads after is final.
    /// </summary>
    private static async Task<bool> MarkAppliedAsync(AppDbContext db, Guid heldPaymentId, Guid paymentId, decimal amount, Guid? staffAccountId, DateTime now,
        CancellationToken cancellationToken)
    {
        if (await db.HeldPayments.Where(h => h.Id == heldPaymentId && h.Status == HeldPaymentStatus.Held)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HeldPaymentStatus.Applied).SetProperty(h => h.PaymentId, paymentId)
                    .SetProperty(h => h.ResolvedAt, now).SetProperty(h => h.ResolvedByStaffId, staffAccountId), cancellationToken) != 1) return false;
        var held = await db.HeldPayments.AsNoTracking().Where(h => h.Id == heldPaymentId).Select(h => new { h.Amount, h.RefundedAmount }).FirstAsync(cancellationToken);
        return held.Amount - held.RefundedAmount == amount;
    }

    /// <summary>The final invoice of a paid proforma, numbered in the company's invoice series in the caller's transaction.</summary>
    private static async Task<Document> IssueInvoiceAsync(AppDbContext db, Document proforma, DateTime now, CancellationToken cancellationToken)
    {
        var company = await db.HomeCompanies.AsNoTracking().FirstAsync(c => c.Id == proforma.HomeCompanyId, cancellationToken);
        var invoice = Document.Draft(DocumentType.Invoice, proforma.HomeCompanyId, proforma.ClientId, proforma.CurrencyCode, proforma.CurrencyDecimals,
            proforma.Lines.OrderBy(l => l.Position).Select(l => new DocumentLineInput(l.Description, l.Quantity, l.UnitPrice)).ToList(),
            proforma.Taxes.OrderBy(t => t.Position).Select(t => new TaxLine(t.Name, t.Rate)).ToList(),
            await DocumentParties.ClientFollowingAsync(db, proforma, cancellationToken), DocumentParties.Company(company),
            proforma.ReverseCharge, proforma.LegalNote, proforma.Id);
        if (invoice.Subtotal != proforma.Subtotal || invoice.TaxTotal != proforma.TaxTotal || invoice.Total != proforma.Total)
            throw new InvalidOperationException($"The invoice of {proforma.Number} does not add up to the proforma.");
        invoice.Issue(await DocumentNumbers.TakeNextAsync(db, proforma.HomeCompanyId, DocumentType.Invoice, now, cancellationToken), now);
        invoice.SettleBy(proforma);
        db.Documents.Add(invoice);
        return invoice;
    }

}
