using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Finance;

/// <summary>
/// Money received for a document through a gateway: a bank transfer staff recorded, a card payment a webhook reported.
/// A gateway's event is applied once however often it arrives: (gateway, gateway event id) is unique in the database.
/// The balance moved by <see cref="NetAmount"/> in the ledger row <see cref="LedgerEntryId"/>; rows are never changed.
/// </summary>
public class Payment : Entity
{
    public Guid DocumentId { get; set; }
    public Guid ClientId { get; set; }
    public Guid PaymentGatewayId { get; set; }
    /// <summary>The gateway's own id of the event (a bank transfer's is derived from its reference, amount and day).</summary>
    public string GatewayEventId { get; set; } = "";
    /// <summary>What the payer paid, taxes included, in <see cref="CurrencyCode"/> (the document's currency).</summary>
    public decimal Amount { get; set; }
    /// <summary>The part of <see cref="Amount"/> that credited the balance: the amount net of the document's taxes.</summary>
    public decimal NetAmount { get; set; }
    public string CurrencyCode { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public string? Reference { get; set; }
    /// <summary>Who recorded it (a staff entry); null when the gateway reported it.</summary>
    public Guid? StaffAccountId { get; set; }
    public Guid LedgerEntryId { get; set; }
    public DateTime CreatedAt { get; set; }
}
