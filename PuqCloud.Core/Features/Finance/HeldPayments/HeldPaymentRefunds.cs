using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// A refund the gateway reports for money it took that is held (<see cref="HeldPayment"/>): given back in the gateway's own
/// dashboard, it closes the held payment as refunded, with the gateway's event and reason as its note. Nothing moves in the
/// balance or the documents: held money never reached them. Only the whole amount goes back this way (a part would leave
/// the rest held at an amount nobody paid); the same report again, or one for money staff recorded as given back already,
/// is answered as a duplicate. Held money applied meanwhile is a payment now, refunded as any payment is.
/// </summary>
internal static class HeldPaymentRefunds
{
    /// <summary>The receipt when the event gives back held money; null when its payment is not held (an ordinary refund).</summary>
    public static async Task<GatewayEventReceipt?> ApplyAsync(IDbContextFactory<AppDbContext> contexts, ApplyPaymentEvent.Gateway gateway, PaymentEvent refundEvent,
        BillingClock clock, ILiveEvents live, CancellationToken cancellationToken)
    {
        var paymentEventId = refundEvent.PaymentGatewayEventId?.Trim() ?? "";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var held = await db.HeldPayments.AsNoTracking().FirstOrDefaultAsync(h => h.PaymentGatewayId == gateway.Id && h.GatewayEventId == paymentEventId, cancellationToken);
        if (held is null || held.Status == HeldPaymentStatus.Applied) return null;
        var receipt = new GatewayEventReceipt(null, held.DocumentId, held.Status == HeldPaymentStatus.Refunded, HeldPaymentId: held.Id);
        if (held.Status == HeldPaymentStatus.Refunded) return receipt;
        if (!string.Equals(refundEvent.CurrencyCode, held.CurrencyCode, StringComparison.OrdinalIgnoreCase))
            throw RequestValidationException.For(nameof(PaymentEvent.CurrencyCode), $"The refund is in {refundEvent.CurrencyCode}, but the held payment was in {held.CurrencyCode}.");
        if (refundEvent.Amount != held.Amount)
            throw RequestValidationException.For(nameof(PaymentEvent.Amount), $"The payment is held whole: a refund of it gives back all of it ({held.Amount} {held.CurrencyCode}).");
        var now = clock.UtcNow;
        var note = $"Refunded at {gateway.DisplayName} (event {refundEvent.GatewayEventId?.Trim()})" + (string.IsNullOrWhiteSpace(refundEvent.Reason) ? "" : $": {refundEvent.Reason.Trim()}");
        var closed = await db.HeldPayments.Where(h => h.Id == held.Id && h.Status == HeldPaymentStatus.Held)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HeldPaymentStatus.Refunded).SetProperty(h => h.ResolvedAt, now)
                .SetProperty(h => h.ResolutionNote, note.Length <= 500 ? note : note[..500]), cancellationToken);
        if (closed == 0)
        {
            // Applied or given back a moment ago: a payment now is refunded as one; given back, this is the same news again.
            var status = await db.HeldPayments.Where(h => h.Id == held.Id).Select(h => h.Status).FirstAsync(cancellationToken);
            return status == HeldPaymentStatus.Applied ? null : receipt with { Duplicate = true };
        }
        await live.PublishAsync(new LiveEvent(DocumentTopics.Documents, held.ClientId.ToString(), now), cancellationToken);
        return receipt;
    }
}
