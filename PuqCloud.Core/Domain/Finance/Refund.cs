using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Finance;

/// <summary>
/// Money given back for a payment. <see cref="Amount"/> goes back to the payer (gross, taxes included);
/// <see cref="NetAmount"/> leaves the client's balance in the ledger row <see cref="LedgerEntryId"/>; the numbered credit
/// note <see cref="CreditNoteId"/> corrects the final invoice by exactly <see cref="Amount"/>. Money given back before the
/// proforma has its final invoice has no credit note (a proforma is no tax document: there is nothing to correct, and a
/// credit note then would lower the VAT the later invoice states in full); it lowers what the proforma was paid instead.
/// The refunds of a payment never add up to more than it (checked under the document's row lock). Staff make refunds from
/// the console; a gateway may report one made at the gateway (<see cref="GatewayEventId"/>).
/// </summary>
public class Refund : Entity
{
    public Guid PaymentId { get; set; }
    /// <summary>The document the payment was made on (the proforma).</summary>
    public Guid DocumentId { get; set; }
    public Guid ClientId { get; set; }
    public decimal Amount { get; set; }
    public decimal NetAmount { get; set; }
    public string CurrencyCode { get; set; } = "";
    /// <summary>The credit note issued against the final invoice; none for a refund made before the proforma was invoiced.</summary>
    public Guid? CreditNoteId { get; set; }
    public Guid LedgerEntryId { get; set; }
    /// <summary>The gateway's id of the refund, when its module gave one (or the event id of a refund the gateway reported).</summary>
    public string? GatewayRefundId { get; set; }
    /// <summary>
    /// Set when the gateway reported the refund (made in its own dashboard) rather than staff: the gateway and its event id.
    /// (gateway, event id) is unique in the database, so an event delivered many times at once books one refund.
    /// </summary>
    public Guid? PaymentGatewayId { get; set; }
    public string? GatewayEventId { get; set; }
    public string Reason { get; set; } = "";
    public Guid? StaffAccountId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The net part of refunding <paramref name="amount"/> of <paramref name="payment"/>, rounded on the running total: the
    /// net share of everything refunded so far with this refund (gross × net / gross of the payment, at the minor unit)
    /// minus the net the earlier refunds took. Rounding each refund on its own let three refunds of 0.08 of a 123.00
    /// payment (net 100.00) take 0.07 each, 0.01 more than their share together, until the last refund had a negative
    /// net part; on the running total the refunds never take more than the payment credited, and the one that completes
    /// the payment takes exactly the rest.
    /// </summary>
    public static decimal NetShare(Payment payment, decimal amount, decimal refundedBefore, decimal netRefundedBefore, int decimals) =>
        Math.Max(0m, MoneyRounding.MinorUnit((refundedBefore + amount) * payment.NetAmount / payment.Amount, decimals) - netRefundedBefore);
}
