using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Services;

public enum ServiceStatus
{
    /// <summary>Ordered, waiting for funds to cover the setup and the first charge.</summary>
    Pending,
    Active,
    Suspended,
    Terminated,
    /// <summary>A pending service that never started (cancelled by staff, or after the product's cancellation delay).</summary>
    Cancelled,
}

/// <summary>Where the provisioning module stands with the service.</summary>
public enum ProvisionStatus
{
    NotProvisioned,
    /// <summary>A lifecycle task is queued or running.</summary>
    InProgress,
    Provisioned,
    Failed,
    Removed,
}

/// <summary>
/// A product sold to a client: a price row in the client's currency, options, and the time it is paid until.
/// Billing charges it from the client's balance; the product's module provisions it.
/// </summary>
public class Service : Entity, IHasAuditTimes
{
    public Guid ClientId { get; set; }
    public Guid ProductId { get; set; }
    public Guid ProductPriceId { get; set; }
    public ServiceStatus Status { get; set; } = ServiceStatus.Pending;
    /// <summary>Charged at the idle price (products that allow idle).</summary>
    public bool IsIdle { get; set; }
    /// <summary>Automation (suspension, termination, module actions) leaves the service alone; charges still run.</summary>
    public bool IsManual { get; set; }
    public string? Label { get; set; }
    /// <summary>
    /// The key a client's script sent with its order (Idempotency-Key), unique per client: the same order sent again (a
    /// retry after a lost answer) finds this service instead of making a second one. Null for orders without one.
    /// </summary>
    public string? OrderKey { get; set; }
    public ProvisionStatus ProvisionStatus { get; set; } = ProvisionStatus.NotProvisioned;
    /// <summary>What the module reported (JSON), shown on the service's page.</summary>
    public string? ProvisionData { get; set; }
    public string? ProvisionError { get; set; }
    /// <summary>When the module's create first succeeded; null while the module has not made the service (or has none).</summary>
    public DateTime? ProvisionedAt { get; set; }
    /// <summary>
    /// The order took a unit of its stock-controlled product; a cancellation (before the service ever started) gives it
    /// back. Kept on the service so that only a unit that was taken is returned, whatever the product's stock control is now.
    /// </summary>
    public bool HoldsStockUnit { get; set; }
    /// <summary>When the service was ordered, on the billing clock (the cancellation delay counts from here).</summary>
    public DateTime OrderedAt { get; set; }
    /// <summary>When charging started; period instances of non-metered prices count from here.</summary>
    public DateTime? BillingAnchor { get; set; }
    /// <summary>The end of the time charged so far; the next charge is for the time from here.</summary>
    public DateTime? PaidUntil { get; set; }
    /// <summary>When billing next has something to charge; null when nothing recurs (one-time, stopped).</summary>
    public DateTime? NextChargeAt { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public DateTime? SuspendedAt { get; set; }
    public string? SuspensionReason { get; set; }
    /// <summary>Termination was asked for at the end of the paid time (by the client or by staff).</summary>
    public DateTime? TerminationRequestedAt { get; set; }
    /// <summary>Staff asked for the termination: only staff withdraw it.</summary>
    public bool TerminationRequestedByStaff { get; set; }
    public DateTime? TerminatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>
    /// Moves with every change of what is billed (package, options): two changes that read the service at once cannot both
    /// save (the second fails on this token), so a switch fee or an option is never charged twice.
    /// </summary>
    public int Revision { get; set; }
    public List<ServiceOptionChoice> Options { get; set; } = [];
}

/// <summary>An option chosen for a service (one per option group of the product).</summary>
public class ServiceOptionChoice
{
    public Guid ServiceId { get; set; }
    public Guid ProductOptionId { get; set; }
    /// <summary>From when the option is charged (an option added mid-period starts there).</summary>
    public DateTime AddedAt { get; set; }
}

/// <summary>One step in a service's history: created, activated, suspended, a failed module action…</summary>
public class ServiceEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public DateTime At { get; set; }
    public string Kind { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>Who did it ("system" for automation).</summary>
    public string Actor { get; set; } = "";
}
