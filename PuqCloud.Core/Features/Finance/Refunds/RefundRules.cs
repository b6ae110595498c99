using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// The one way a payment is refunded, whoever asks (staff, <see cref="RefundPayment"/>; the gateway, <see cref="ApplyRefundEvent"/>):
/// inside the caller's transaction and after <see cref="LockAsync"/>, <see cref="RefundAsync"/> checks what is still refundable,
/// gives the money back (staff: through the module; a gateway's report: it is back already), issues the numbered credit note
/// against the final invoice (none before the proforma is invoiced), posts the ledger Refund row and adds the refund record.
/// The caller saves and commits.
/// </summary>
internal static class RefundRules
{
    /// <summary>
    /// Who refunds and why. Staff (<see cref="StaffAccountId"/>) may not take a balance below zero; a refund the gateway
    /// reports (<see cref="ReportedBy"/> with its event id) has happened already, so it is booked even then (the client owes it).
    /// </summary>
    internal sealed record RefundSource(string Reason, Guid? StaffAccountId, Guid? ReportedBy = null, string? GatewayEventId = null)
    {
        public bool Reported => GatewayEventId is not null;

        /// <summary>
        /// The gateway gave this staff refund back already, in an attempt whose save failed: it is booked now whatever the
        /// balance, as a reported one is, since the money has left.
        /// </summary>
        public bool GivenBack { get; init; }

        public bool MayRefuseForBalance => !Reported && !GivenBack;
    }

    /// <summary>
    /// After the commit: a refund moved the balance (and issued a credit note, or lowered what the proforma was paid), so the client's document pages and its balance
    /// and transactions pages (which follow <see cref="ServiceTopics.Services"/>) hear of it, whoever made the refund.
    /// </summary>
    internal static async Task AnnounceAsync(ILiveEvents live, Guid clientId, DateTime now, CancellationToken cancellationToken)
    {
        await live.PublishAsync(new LiveEvent(DocumentTopics.Documents, clientId.ToString(), now), cancellationToken);
        await live.PublishAsync(new LiveEvent(ServiceTopics.Services, clientId.ToString(), now), cancellationToken);
    }

    /// <summary>Refunds and payments of one document queue on its row: whoever waited here sees the refunds before it.</summary>
    internal static Task LockAsync(AppDbContext db, Guid documentId, CancellationToken cancellationToken) =>
        db.Documents.Where(d => d.Id == documentId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Revision, d => d.Revision), cancellationToken);

    /// <summary>
    /// Refunds <paramref name="amount"/> (gross, the document's currency) of <paramref name="payment"/> under the document's
    /// row lock: refused under "Amount" when it does not fit the currency or is more than the payment minus its refunds; refused
    /// (409) when a staff refund would take the balance below zero. <paramref name="giveBack"/> (staff) gives the money back
    /// at the gateway and answers the gateway's refund id: last, once every step that can refuse or fail before the save has
    /// passed (the credit note's number, the ledger row on the balance as it is now); without it (a reported refund) nothing is called.
    /// The credit note corrects the proforma's final invoice; before there is one, no credit note is issued (the proforma is no
    /// tax document, and its invoice, when the rest comes, states the whole sale) and the proforma is paid that much less.
    /// </summary>
    internal static async Task<(Refund Refund, Document? CreditNote)> RefundAsync(AppDbContext db, Payment payment, decimal amount, string gatewayName,
        RefundSource source, Func<Document, Task<string?>>? giveBack, DateTime now, CancellationToken cancellationToken)
    {
        var proforma = await db.Documents.FirstAsync(d => d.Id == payment.DocumentId, cancellationToken);
        var earlier = await db.Refunds.Where(r => r.PaymentId == payment.Id).Select(r => new { r.Amount, r.NetAmount }).ToListAsync(cancellationToken);
        var refundedBefore = earlier.Sum(r => r.Amount);
        var decimals = proforma.CurrencyDecimals;
        string Format(decimal value) => $"{value.ToString("F" + decimals, CultureInfo.InvariantCulture)} {proforma.CurrencyCode}";
        if (amount <= 0m) throw RequestValidationException.For("Amount", "Enter a positive amount.");
        if (!MoneyRounding.Fits(amount, decimals))
            throw RequestValidationException.For("Amount", decimals == 0
                ? "The currency has no decimals: use a whole amount." : $"The currency has {decimals} decimal place(s): use at most that many.");
        var refundable = payment.Amount - refundedBefore;
        if (amount > refundable)
            throw RequestValidationException.For("Amount", refundable <= 0m
                ? "The payment is refunded in full already." : $"At most {Format(refundable)} of the payment can still be refunded.");
        var net = Refund.NetShare(payment, amount, refundedBefore, earlier.Sum(r => r.NetAmount), decimals);
        var balance = await Ledger.ReadAsync(db, payment.ClientId, cancellationToken);
        if (source.MayRefuseForBalance && balance.Balance - net < 0m)
            throw new RuleViolationException($"The client has spent these funds: the balance ({Format(balance.Balance)}) does not cover the {Format(net)} the refund takes from it.");

        var invoice = await db.Documents.Include(d => d.Taxes).AsNoTracking()
            .FirstOrDefaultAsync(d => d.RelatedDocumentId == proforma.Id && d.Kind == DocumentType.Invoice, cancellationToken);
        Document? creditNote = null;
        if (invoice is not null)
        {
            var company = await db.HomeCompanies.AsNoTracking().FirstAsync(c => c.Id == proforma.HomeCompanyId, cancellationToken);
            creditNote = Document.CreditNoteFor(invoice, $"{company.RefundItemText ?? "Refund"}: {invoice.Number}", amount, net,
                await DocumentParties.ClientFollowingAsync(db, invoice, cancellationToken), DocumentParties.Company(company));
            creditNote.Issue(await DocumentNumbers.TakeNextAsync(db, proforma.HomeCompanyId, DocumentType.CreditNote, now, cancellationToken), now);
            db.Documents.Add(creditNote);
        }
        var description = TextCut.Cut($"Refund of {proforma.Number} {(source.Reported ? "at" : "via")} {gatewayName}"
                              + (creditNote is null ? "" : $", credit note {creditNote.Number}"), 500);
        var rows = await Ledger.PostAsync(db, payment.ClientId,
            new LedgerPosting(LedgerEntryType.Refund, -net, description)
                { Gross = amount, Fees = amount - net, StaffAccountId = source.StaffAccountId, Reason = TextCut.Cut(source.Reason, 500) }, now, cancellationToken);
        if (source.MayRefuseForBalance && rows[0].BalanceAfter < 0m)
            throw new RuleViolationException("The client has spent these funds: the balance does not cover the refund.");
        var gatewayRefundId = giveBack is null ? source.GatewayEventId : await giveBack(proforma);
        var refund = new Refund
        {
            PaymentId = payment.Id, DocumentId = proforma.Id, ClientId = payment.ClientId, Amount = amount, NetAmount = net, CurrencyCode = payment.CurrencyCode,
            CreditNoteId = creditNote?.Id, LedgerEntryId = rows[0].Id, GatewayRefundId = TextCut.Cut(gatewayRefundId, 200), Reason = TextCut.Cut(source.Reason, 500),
            StaffAccountId = source.StaffAccountId, PaymentGatewayId = source.ReportedBy, GatewayEventId = source.GatewayEventId, CreatedAt = now,
        };
        db.Refunds.Add(refund);
        // Refunded before the proforma was paid in full: it was not paid this much after all, and still asks for it (its final
        // invoice, when the rest comes, states the whole sale, with no credit note against it for this refund).
        if (proforma.Status == DocumentStatus.Unpaid) proforma.TakeBackPayment(amount);
        return (refund, creditNote);
    }
}
