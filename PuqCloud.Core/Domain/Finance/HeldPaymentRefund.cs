using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Finance;

/// <summary>
/// A part of held money (<see cref="HeldPayment"/>) that its gateway reports given back (a refund made in the gateway's
/// own dashboard). Its amount leaves what is held (<see cref="HeldPayment.RefundedAmount"/>), so staff can only apply or
/// give back the rest; once nothing is left, the held payment is refunded. (gateway, event id) is unique, so a report
/// delivered many times at once gives back its part once.
/// </summary>
public class HeldPaymentRefund : Entity
{
    public Guid HeldPaymentId { get; set; }
    public Guid PaymentGatewayId { get; set; }
    /// <summary>The gateway's id of the refund event.</summary>
    public string GatewayEventId { get; set; } = "";
    /// <summary>What went back, in the held payment's currency.</summary>
    public decimal Amount { get; set; }
    /// <summary>The gateway's reason, when it gave one.</summary>
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
}
