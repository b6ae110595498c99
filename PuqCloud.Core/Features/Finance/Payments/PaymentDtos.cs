namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// A payment of a document: what was paid (gross), what credited the balance (net of tax), through which gateway, when and
/// with what reference, and its <see cref="Refunds"/> in the order given; <see cref="RefundedAmount"/> is what they gave back so far (gross).
/// </summary>
public sealed record PaymentDto(Guid Id, Guid DocumentId, string? DocumentNumber, Guid GatewayId, string GatewayKey, string GatewayName, string GatewayEventId,
    decimal Amount, decimal NetAmount, string CurrencyCode, string AmountText, string NetAmountText, DateTime ReceivedAt, string? Reference,
    Guid? StaffAccountId, string? StaffName, Guid LedgerEntryId, DateTime CreatedAt, IReadOnlyList<PaymentRefundDto> Refunds, string RefundedAmountText)
{
    public decimal RefundedAmount => Refunds.Sum(r => r.Amount);

    /// <summary>What can still be refunded: the amount minus the refunds so far.</summary>
    public decimal Refundable => Amount - RefundedAmount;
}

/// <summary>
/// A refund of a payment (staff's only: the reason is theirs): how much (gross), when, why, the credit note it was issued
/// with (none when it came before the final invoice), and who gave it: <see cref="StaffName"/>, or none when the gateway
/// reported a refund made in its own dashboard.
/// </summary>
public sealed record PaymentRefundDto(Guid Id, decimal Amount, string AmountText, DateTime CreatedAt, string Reason, Guid? CreditNoteId, string? CreditNoteNumber,
    string? StaffName);

/// <summary>
/// A recorded payment. <see cref="Duplicate"/>: the gateway's event had been applied already (the same transfer recorded
/// again), so this is the earlier payment and nothing was written. <see cref="InvoiceId"/>: the final invoice, once the proforma is paid in full.
/// </summary>
public sealed record RecordedPayment(PaymentDto Payment, bool Duplicate, Guid? InvoiceId, string? InvoiceNumber);

/// <summary>A gateway a document can be paid through.</summary>
public sealed record PaymentGatewayChoice(Guid Id, string Key, string Name, string ModuleKey);

/// <summary>
/// What a document still asks for and the gateways (enabled, of its company, taking its currency) it can be paid through,
/// in their order; <see cref="Now"/> is billing's clock (UTC), whose day in the person's time zone is the latest day a
/// payment can have been received.
/// </summary>
public sealed record DocumentPaymentOptions(Guid DocumentId, string? Number, string CurrencyCode, int CurrencyDecimals, decimal AmountDue, string AmountDueText,
    bool TakesPayments, IReadOnlyList<PaymentGatewayChoice> Gateways, DateTime Now);

/// <summary>How to pay a document through a gateway: the module's instructions and/or the page to send the payer to.</summary>
public sealed record PaymentInstructions(Guid DocumentId, Guid GatewayId, string GatewayName, decimal Amount, string CurrencyCode, string AmountText,
    string? Instructions, string? RedirectUrl);

/// <summary>
/// What the webhook did with a gateway's event: the payment it made (or, for a refund, the payment it gave back) and its
/// document; for a refund also the refund and its credit note. <see cref="Duplicate"/>: applied before, nothing written.
/// <see cref="HeldPaymentId"/>: the document could not take the money (paid already, say), so it is held for staff and
/// there is no payment (<see cref="PaymentId"/> null) until they apply it.
/// </summary>
public sealed record GatewayEventReceipt(Guid? PaymentId, Guid DocumentId, bool Duplicate, Guid? RefundId = null, Guid? CreditNoteId = null, Guid? HeldPaymentId = null);
