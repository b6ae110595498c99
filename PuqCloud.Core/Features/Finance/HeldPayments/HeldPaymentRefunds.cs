using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// A refund the gateway reports for money it took that is held (<see cref="HeldPayment"/>), given back in the gateway's own
/// dashboard. Nothing moves in the balance or the documents (held money never reached them); the held payment keeps the
/// refund (<see cref="HeldPaymentRefund"/>) and holds that much less, so staff can only apply or give back the rest, and
/// once nothing is left it is closed as refunded, with the gateway's event and reason as its note. Refused with nothing
/// written: another currency, an amount that is not positive, does not fit the currency or is more than is still held.
/// The same report again (its event id is unique per gateway), or one for money staff recorded as given back already, is
/// answered as a duplicate. Held money applied meanwhile is a payment now, refunded as any payment is. The held payment's
/// row lock orders a refund against a concurrent apply or give-back: whichever comes second sees what the first did.
/// </summary>
internal static class HeldPaymentRefunds
{
    /// <summary>The receipt when the event gives back held money; null when its payment is not held (an ordinary refund).</summary>
    public static async Task<GatewayEventReceipt?> ApplyAsync(IDbContextFactory<AppDbContext> contexts, ApplyPaymentEvent.Gateway gateway, PaymentEvent refundEvent,
        BillingClock clock, ILiveEvents live, CancellationToken cancellationToken)
    {
        var eventId = refundEvent.GatewayEventId?.Trim() ?? "";
        var paymentEventId = refundEvent.PaymentGatewayEventId?.Trim() ?? "";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await EarlierAsync(db, gateway.Id, eventId, cancellationToken) is { } earlier) return earlier;
        var heldId = await db.HeldPayments.Where(h => h.PaymentGatewayId == gateway.Id && h.GatewayEventId == paymentEventId && h.Status != HeldPaymentStatus.Applied)
            .Select(h => (Guid?)h.Id).FirstOrDefaultAsync(cancellationToken);
        if (heldId is null || eventId.Length is 0 or > 200) return null;

        var now = clock.UtcNow;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.HeldPayments.Where(h => h.Id == heldId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, h => h.Status), cancellationToken);
            // The same report delivered twice at once: the first took its part while this one waited for the lock.
            if (await EarlierAsync(db, gateway.Id, eventId, cancellationToken) is { } raced) return raced;
            var held = await db.HeldPayments.FirstAsync(h => h.Id == heldId, cancellationToken);
            var receipt = new GatewayEventReceipt(null, held.DocumentId, Duplicate: true, HeldPaymentId: held.Id);
            if (held.Status == HeldPaymentStatus.Applied) return null;
            if (held.Status == HeldPaymentStatus.Refunded) return receipt;
            var remaining = held.Amount - held.RefundedAmount;
            Check(refundEvent, held, remaining, await CurrencyDecimalsAsync(db, held, cancellationToken));

            held.RefundedAmount += refundEvent.Amount;
            if (held.RefundedAmount == held.Amount)
            {
                held.Status = HeldPaymentStatus.Refunded;
                held.ResolvedAt = now;
                held.ResolutionNote = TextCut.Cut($"Refunded at {gateway.DisplayName} (event {eventId})" + (string.IsNullOrWhiteSpace(refundEvent.Reason) ? "" : $": {refundEvent.Reason.Trim()}"), 500);
            }
            db.HeldPaymentRefunds.Add(new HeldPaymentRefund
            {
                HeldPaymentId = held.Id, PaymentGatewayId = gateway.Id, GatewayEventId = eventId, Amount = refundEvent.Amount,
                Reason = string.IsNullOrWhiteSpace(refundEvent.Reason) ? null : TextCut.Cut(refundEvent.Reason.Trim(), 500), CreatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another delivery of the same report won the unique (gateway, event id): it is that refund.
                await transaction.RollbackAsync(CancellationToken.None);
                await using var read = await contexts.CreateDbContextAsync(cancellationToken);
                return await EarlierAsync(read, gateway.Id, eventId, cancellationToken) ?? throw new RuleViolationException("The refund could not be recorded: try again.");
            }
            await live.PublishAsync(new LiveEvent(DocumentTopics.Documents, held.ClientId.ToString(), now), cancellationToken);
            return receipt with { Duplicate = false };
        }
    }

    /// <summary>The held payment a report with this event id gave back a part of already, answered as a duplicate.</summary>
    private static async Task<GatewayEventReceipt?> EarlierAsync(AppDbContext db, Guid gatewayId, string eventId, CancellationToken cancellationToken) =>
        await db.HeldPaymentRefunds.AsNoTracking().Where(r => r.PaymentGatewayId == gatewayId && r.GatewayEventId == eventId)
            .Select(r => db.HeldPayments.Where(h => h.Id == r.HeldPaymentId).Select(h => new GatewayEventReceipt(null, h.DocumentId, true, null, null, h.Id)).First())
            .FirstOrDefaultAsync(cancellationToken);

    private static void Check(PaymentEvent refundEvent, HeldPayment held, decimal remaining, int decimals)
    {
        string Format(decimal value) => $"{value.ToString("F" + decimals, CultureInfo.InvariantCulture)} {held.CurrencyCode}";
        if (!string.Equals(refundEvent.CurrencyCode, held.CurrencyCode, StringComparison.OrdinalIgnoreCase))
            throw RequestValidationException.For(nameof(PaymentEvent.CurrencyCode), $"The refund is in {refundEvent.CurrencyCode}, but the held payment was in {held.CurrencyCode}.");
        if (refundEvent.Amount <= 0m) throw RequestValidationException.For(nameof(PaymentEvent.Amount), "A refund gives back a positive amount.");
        if (!MoneyRounding.Fits(refundEvent.Amount, decimals))
            throw RequestValidationException.For(nameof(PaymentEvent.Amount), $"The currency has {decimals} decimal place(s): the refund has more.");
        if (refundEvent.Amount > remaining)
            throw RequestValidationException.For(nameof(PaymentEvent.Amount), $"Only {Format(remaining)} of the payment is still held: the refund asks for {Format(refundEvent.Amount)}.");
    }

    /// <summary>The held money's currency's decimals (it may be another currency than its document's: that is why some is held).</summary>
    private static async Task<int> CurrencyDecimalsAsync(AppDbContext db, HeldPayment held, CancellationToken cancellationToken) =>
        await db.Currencies.Where(c => c.Code == held.CurrencyCode).Select(c => (int?)c.Decimals).FirstOrDefaultAsync(cancellationToken)
        ?? await db.Documents.Where(d => d.Id == held.DocumentId).Select(d => d.CurrencyDecimals).FirstAsync(cancellationToken);
}
