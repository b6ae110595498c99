using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Finance;

public enum LedgerEntryType
{
    /// <summary>A service's price for a period (or a setup, switch, one-time or uninstall fee): lowers the balance.</summary>
    Charge,
    /// <summary>Money received for a document: raises the balance by its net amount.</summary>
    Payment,
    /// <summary>Money returned to the client: lowers the balance.</summary>
    Refund,
    /// <summary>A correction by staff, with a reason: either way.</summary>
    Adjustment,
}

/// <summary>What a service charge is for; with the service and the period start it names a charge exactly once.</summary>
public enum ChargeKind
{
    /// <summary>The recurring price (or idle price) plus options for one period or one metered hour.</summary>
    Period,
    Setup,
    OneTime,
    Switch,
    /// <summary>The difference between the new and the old package for the rest of a paid period (either way).</summary>
    Proration,
    Uninstall,
}

/// <summary>
/// One movement of a client's balance, the only way a balance moves (ARCHITECTURE.md). Rows of a client form a
/// chain: <see cref="Sequence"/> counts 1, 2, 3… per client (unique in the database), each row's
/// <see cref="BalanceBefore"/> is the previous row's <see cref="BalanceAfter"/>, and the client's balance is the
/// last row's <see cref="BalanceAfter"/>, which equals the sum of <see cref="Amount"/>. Rows are never changed.
/// </summary>
public class LedgerEntry : Entity
{
    public Guid ClientId { get; set; }
    public long Sequence { get; set; }
    public LedgerEntryType Type { get; set; }
    public string CurrencyCode { get; set; } = "";
    /// <summary>What the balance moved by: negative for charges and refunds, positive for payments, either for adjustments.</summary>
    public decimal Amount { get; set; }
    /// <summary>The amount before fees and with taxes (what a payer paid, what a charge cost), as a magnitude.</summary>
    public decimal Gross { get; set; }
    /// <summary>The part that moved the balance, as a magnitude (|<see cref="Amount"/>|).</summary>
    public decimal Net { get; set; }
    /// <summary>Gateway fees and taxes kept out of the balance, as a magnitude.</summary>
    public decimal Fees { get; set; }
    public decimal BalanceBefore { get; set; }
    public decimal BalanceAfter { get; set; }
    public string Description { get; set; } = "";
    public Guid? ServiceId { get; set; }
    public ChargeKind? ChargeKind { get; set; }
    /// <summary>For a charge: the time it pays for, [start, end).</summary>
    public DateTime? PeriodStart { get; set; }
    public DateTime? PeriodEnd { get; set; }
    /// <summary>The unit rate of a metered charge (per hour), 4 decimals.</summary>
    public decimal? Rate { get; set; }
    /// <summary>Who posted an adjustment, and why; null for the system's own rows.</summary>
    public Guid? StaffAccountId { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One run of billing's "Charge services" schedule: what it charged, for the dashboard's billing widget.</summary>
public class BillingRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string Node { get; set; } = "";
    /// <summary>The billing clock's time the run charged up to.</summary>
    public DateTime ChargedUpTo { get; set; }
    public int ServicesCharged { get; set; }
    public int ChargesPosted { get; set; }
    public int ServicesSuspended { get; set; }
    public int Failures { get; set; }
    /// <summary>Amounts charged per currency, as JSON ({"EUR": 12.3456}).</summary>
    public string AmountsJson { get; set; } = "{}";
    public string? Error { get; set; }
}
