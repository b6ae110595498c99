using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// What applying a gateway's refund event did: the refund (a new one, or the one an earlier delivery made), its payment,
/// document and credit note (none when the proforma had no final invoice yet).
/// </summary>
public sealed record AppliedRefund(Guid RefundId, Guid PaymentId, Guid DocumentId, Guid ClientId, Guid? CreditNoteId, bool Duplicate);

/// <summary>
/// The host's way of applying a refund a gateway reports (<see cref="PaymentEventKind.Refund"/>: money given back at the
/// gateway, e.g. from its own dashboard), in one transaction:
/// <list type="number">
/// <item>An event of the gateway already applied returns its refund and writes nothing: the same event, or a refund staff made
/// from the console whose gateway refund id the event carries. Five deliveries at once queue on the document's row lock, and
/// the unique (gateway, event id) index of refunds refuses any that slips past.</item>
/// <item>Refused with nothing written: no payment of THIS gateway with the event's <see cref="PaymentEvent.PaymentGatewayEventId"/>
/// (field PaymentGatewayEventId), another currency than the payment's (CurrencyCode), an amount that is not positive, does not
/// fit the currency or is more than is still refundable (Amount) — checked under the document's row lock, so a refund staff
/// made in the console and the gateway's report of another never add up to more than the payment.</item>
/// <item>Otherwise the same step as a staff refund (<see cref="RefundRules"/>): a ledger Refund row, a numbered credit note
/// against the final invoice (none before it) and the refund record, with the reason "Refunded at (gateway)" and the gateway's own reason. The module's
/// <see cref="IPaymentModule.RefundAsync"/> is not called: the money already moved. The refund is booked even when it takes
/// the balance below zero (it happened; the client then owes the difference).</item>
/// </list>
/// </summary>
public static class ApplyRefundEvent
{
    private const int MaxAttempts = 5;

    public static async Task<AppliedRefund> RunAsync(IDbContextFactory<AppDbContext> contexts, ApplyPaymentEvent.Gateway gateway, PaymentEvent refundEvent,
        BillingClock clock, ILiveEvents live, CancellationToken cancellationToken)
    {
        if (refundEvent.Kind != PaymentEventKind.Refund) throw new InvalidOperationException("Only refund events are applied as refunds.");
        var eventId = refundEvent.GatewayEventId?.Trim() ?? "";
        if (eventId.Length is 0 or > 200) throw new RuleViolationException("The gateway's event has no usable id.");
        var paymentEventId = refundEvent.PaymentGatewayEventId?.Trim() ?? "";
        if (paymentEventId.Length == 0)
            throw RequestValidationException.For(nameof(PaymentEvent.PaymentGatewayEventId), "The refund does not name the payment it gives back.");
        var reason = TextCut.Cut($"Refunded at {gateway.DisplayName}" + (string.IsNullOrWhiteSpace(refundEvent.Reason) ? "" : $": {refundEvent.Reason.Trim()}"), 500);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await ExistingAsync(db, gateway.Id, eventId, cancellationToken) is { } earlier) return earlier;
            var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.PaymentGatewayId == gateway.Id && p.GatewayEventId == paymentEventId, cancellationToken)
                          ?? throw RequestValidationException.For(nameof(PaymentEvent.PaymentGatewayEventId),
                              $"{gateway.DisplayName} took no payment {paymentEventId}: a refund gives back a payment of the gateway that reports it.");
            if (!string.Equals(refundEvent.CurrencyCode, payment.CurrencyCode, StringComparison.OrdinalIgnoreCase))
                throw RequestValidationException.For(nameof(PaymentEvent.CurrencyCode), $"The refund is in {refundEvent.CurrencyCode}, but the payment was in {payment.CurrencyCode}.");
            var now = clock.UtcNow;

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await RefundRules.LockAsync(db, payment.DocumentId, cancellationToken);
            if (await ExistingAsync(db, gateway.Id, eventId, cancellationToken) is { } raced) return raced;
            var (refund, creditNote) = await RefundRules.RefundAsync(db, payment, refundEvent.Amount, gateway.DisplayName,
                new RefundRules.RefundSource(reason, null, gateway.Id, eventId), null, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another delivery of the event won (the unique index), or another refund moved the document first: read the
                // winner, or try again on the document as it is now.
                await transaction.RollbackAsync(CancellationToken.None);
                await using var read = await contexts.CreateDbContextAsync(cancellationToken);
                if (await ExistingAsync(read, gateway.Id, eventId, cancellationToken) is { } winner) return winner;
                continue;
            }
            await RefundRules.AnnounceAsync(live, payment.ClientId, now, cancellationToken);
            return new AppliedRefund(refund.Id, payment.Id, payment.DocumentId, payment.ClientId, creditNote?.Id, false);
        }
    }

    /// <summary>The refund the event stands for, if booked already: reported by this event, or made by staff and known to the gateway by this id.</summary>
    private static async Task<AppliedRefund?> ExistingAsync(AppDbContext db, Guid gatewayId, string eventId, CancellationToken cancellationToken) =>
        await db.Refunds.AsNoTracking()
            .Where(r => (r.PaymentGatewayId == gatewayId && r.GatewayEventId == eventId)
                        || (r.GatewayRefundId == eventId && db.Payments.Any(p => p.Id == r.PaymentId && p.PaymentGatewayId == gatewayId)))
            .OrderBy(r => r.CreatedAt)
            .Select(r => new AppliedRefund(r.Id, r.PaymentId, r.DocumentId, r.ClientId, r.CreditNoteId, true))
            .FirstOrDefaultAsync(cancellationToken);
}
