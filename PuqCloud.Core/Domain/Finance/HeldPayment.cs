using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Finance;

/// <summary>What became of money a gateway reported but the host could not apply.</summary>
public enum HeldPaymentStatus
{
    /// <summary>Waiting for staff: the money is the client's, on no document and in no balance.</summary>
    Held = 0,
    /// <summary>Staff applied it to an unpaid proforma of the client: it is the payment <see cref="HeldPayment.PaymentId"/>.</summary>
    Applied = 1,
    /// <summary>Staff gave it back at the gateway (and said so here, with a note).</summary>
    Refunded = 2,
}

/// <summary>
/// Money a gateway reported received for a document that could not take it: the proforma was paid in full already (the
/// client paid twice, in two tabs), cancelled, or asked for less than came in. Refusing the event would leave money the
/// gateway took recorded nowhere, so the host keeps it here, off the balance and off every document, until staff apply it
/// to another unpaid proforma of the client (it then becomes a <see cref="Payment"/> under the same gateway event id) or
/// give it back at the gateway; the gateway may give back a part first (<see cref="HeldPaymentRefund"/>), and the rest
/// is what stays held. (gateway, event id) is unique, like payments', so the event is held once however often it arrives.
/// </summary>
public class HeldPayment : Entity
{
    public Guid PaymentGatewayId { get; set; }
    public string GatewayEventId { get; set; } = "";
    /// <summary>The document the gateway named, and its client, whose money this is.</summary>
    public Guid DocumentId { get; set; }
    public Guid ClientId { get; set; }
    /// <summary>What the payer paid, in <see cref="CurrencyCode"/> (the event's currency).</summary>
    public decimal Amount { get; set; }
    /// <summary>
    /// What the gateway reports given back of it so far (<see cref="HeldPaymentRefund"/>): staff apply or give back only
    /// <see cref="Amount"/> minus this. Written under the held payment's row lock.
    /// </summary>
    public decimal RefundedAmount { get; set; }
    public string CurrencyCode { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public string? Reference { get; set; }
    /// <summary>Why the document could not take it, as the refusal said.</summary>
    public string Reason { get; set; } = "";
    public HeldPaymentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When and by whom it was applied or given back, and what staff noted; the payment it became, once applied.</summary>
    public DateTime? ResolvedAt { get; set; }
    public Guid? ResolvedByStaffId { get; set; }
    public string? ResolutionNote { get; set; }
    public Guid? PaymentId { get; set; }
}
