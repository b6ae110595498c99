using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Billing;

/// <summary>Live-event topic of services and balances (subject: the client id), published after a change commits.</summary>
public static class ServiceTopics
{
    public const string Services = "billing.services";
}

/// <summary>The lifecycle actions a Product module performs, as the host queues them.</summary>
public static class ModuleActions
{
    public const string Create = "create";
    public const string Suspend = "suspend";
    public const string Unsuspend = "unsuspend";
    public const string Idle = "idle";
    public const string Unidle = "unidle";
    public const string Terminate = "terminate";
    public const string ChangePackage = "change-package";
}

/// <summary>Why a service is suspended; billing's own suspensions are lifted by billing when funds return.</summary>
public static class SuspensionReasons
{
    public const string FundsShort = "Funds short";
}

/// <summary>
/// The steps of a service's lifecycle, shared by staff actions, the API and the lifecycle schedules. Each works on
/// a tracked <see cref="Service"/> inside the caller's transaction: it changes the service, posts what it costs
/// through the <see cref="Ledger"/>, writes the service's history and adds the module's task row; the caller
/// saves, commits, and then wakes the task workers (<see cref="TaskSignal.Notify"/>).
/// </summary>
public static class ServiceSteps
{
    public const string TaskName = "service.module-action";
    public const string TaskQueueName = "services";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The input of a module action task: ids only, never settings or secrets.</summary>
    public sealed record ModuleActionInput(Guid ServiceId, string Action);

    public static void Record(AppDbContext db, Service service, string kind, string text, string actor, DateTime at) =>
        db.ServiceEvents.Add(new ServiceEvent { ServiceId = service.Id, Kind = kind, Text = text, Actor = actor, At = at });

    /// <summary>
    /// Queues the module's action for the service, unless the product has no module (then nothing is provisioned).
    /// The task row is timed in real time, as the task workers read it, not on the billing clock: on a test clock ahead
    /// of real time a row "available at" billing's now would wait for the real clock to catch up.
    /// </summary>
    public static bool QueueModuleAction(AppDbContext db, Service service, ServicePlan plan, string action)
    {
        if (plan.ModuleKey is null) return false;
        service.ProvisionStatus = ProvisionStatus.InProgress;
        service.ProvisionError = null;
        db.QueuedTasks.Add(TaskQueue.NewRow(new TaskRequest(TaskQueueName, TaskName, JsonSerializer.Serialize(new ModuleActionInput(service.Id, action), Json),
            Tags: [$"service:{service.Id}", $"module:{plan.ModuleKey}", $"action:{action}"], MaxTries: 3, Timeout: TimeSpan.FromMinutes(10),
            // One action of a service at a time, in the order they were asked for: a terminate never overtakes a create
            // still waiting for its retry, nor an unsuspend a slow suspend.
            Lane: ModuleLane(service.Id)), DateTime.UtcNow));
        return true;
    }

    public static ModuleActionInput ReadInput(string? json) =>
        JsonSerializer.Deserialize<ModuleActionInput>(json ?? "", Json) ?? throw new InvalidOperationException("The task names no service.");

    /// <summary>
    /// The charges of <paramref name="charges"/> to post now, in order. Time that ended by <paramref name="now"/> (hours or
    /// periods a run missed while the service ran) was used and is owed: it is taken whatever the balance, below the credit
    /// limit if need be. Time ahead is taken while <paramref name="available"/> covers it; the first it does not stops the
    /// list and makes the service short. A charge of nothing is always covered: a free service is never short.
    /// </summary>
    public static List<PlannedCharge> Affordable(IEnumerable<PlannedCharge> charges, decimal available, DateTime now, out bool isShort)
    {
        var taken = new List<PlannedCharge>();
        isShort = false;
        foreach (var charge in charges)
        {
            var used = charge.End <= now;
            if (!used && charge.Amount > 0 && charge.Amount > available) { isShort = true; break; }
            available -= charge.Amount;
            taken.Add(charge);
        }
        return taken;
    }

    public static LedgerPosting ChargePosting(Guid serviceId, ChargeKind kind, PlannedCharge charge) =>
        new(LedgerEntryType.Charge, -charge.Amount, charge.Description)
        {
            ServiceId = serviceId, ChargeKind = kind, PeriodStart = charge.Start, PeriodEnd = charge.End, Rate = charge.Rate,
        };

    private static string UsedTimeNote(decimal used, ServicePlan plan) =>
        used > 0 ? $" {Amount(used, plan.CurrencyCode)} charged for the time used since billing last ran." : "";

    private static string Amount(decimal amount, string currency) => $"{amount.ToString("0.00##", CultureInfo.InvariantCulture)} {currency}";

    /// <summary>
    /// Starts a pending service: posts the setup fee (and a one-time price), then queues the module's create; the
    /// first recurring charge follows when the module reports success (at once for a product without a module).
    /// Refused when the balance plus credit limit does not cover the setup and the first charge.
    /// </summary>
    public static async Task ActivateAsync(AppDbContext db, Service service, ServicePlan plan, DateTime now, string actor, CancellationToken cancellationToken)
    {
        if (service.Status != ServiceStatus.Pending) throw new RuleViolationException("Only a pending service can be created.");
        var needed = StartCost(plan, now);
        // Started services whose module has not made them yet pay their first charge when it has: that money is spoken for.
        // Taking the client's row first makes two starts at once decide one after the other, each seeing the other's service.
        await ClientQueue.JoinAsync(db, service.ClientId, cancellationToken);
        var spokenFor = needed > 0 ? await AwaitingFirstChargesAsync(db, service.ClientId, now, cancellationToken) : 0m;
        var fees = new List<LedgerPosting>();
        if (plan.Setup > 0)
            fees.Add(new LedgerPosting(LedgerEntryType.Charge, -MoneyRounding.Ledger(plan.Setup), $"{plan.Title}, setup fee")
                { ServiceId = service.Id, ChargeKind = ChargeKind.Setup, PeriodStart = now });
        if (plan.Period == PricePeriod.OneTime && OneTimePrice(plan) > 0)
            fees.Add(new LedgerPosting(LedgerEntryType.Charge, -MoneyRounding.Ledger(OneTimePrice(plan)),
                    plan.Options.Count > 0 ? $"{plan.Title}, one-time price with options" : $"{plan.Title}, one-time price")
                { ServiceId = service.Id, ChargeKind = ChargeKind.OneTime, PeriodStart = now });
        var funded = true;
        await Ledger.PostAsync(db, service.ClientId, balance =>
        {
            funded = needed <= 0 || balance.Available - spokenFor >= needed;
            return funded ? fees : [];
        }, now, cancellationToken);
        if (!funded)
            throw new RuleViolationException($"The client's balance and credit limit do not cover the setup fee and the first charge ({Amount(needed, plan.CurrencyCode)})"
                + (spokenFor > 0 ? $" besides the first charges of services being created ({Amount(spokenFor, plan.CurrencyCode)})." : "."));

        service.Status = ServiceStatus.Active;
        service.ActivatedAt = now;
        Record(db, service, "Activated", needed > 0 ? $"Created; {Amount(needed, plan.CurrencyCode)} covered by the balance." : "Created.", actor, now);
        if (!QueueModuleAction(db, service, plan, ModuleActions.Create))
            await StartChargingAsync(db, service, plan, now, cancellationToken);
    }

    /// <summary>
    /// The module action staff may send again, or null: the service's last one, when it failed every try (or its task
    /// ended without a word) and no module action of the service is queued or running (one waiting for its next try is on
    /// its way: a second could make the service twice). A terminate or suspend that failed through a provider's outage
    /// would otherwise leave the server running while billing has stopped. A create is sent again only to a service that
    /// is still active or suspended and was never made.
    /// </summary>
    public static async Task<string?> RetryableActionAsync(AppDbContext db, Service service, ServicePlan plan, CancellationToken cancellationToken)
    {
        if (plan.ModuleKey is null || !MayHaveFailed(service.ProvisionStatus)) return null;
        var lane = ModuleLane(service.Id);
        var tasks = await db.QueuedTasks.AsNoTracking().Where(t => t.Lane == lane).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new { t.Status, t.InputJson }).ToListAsync(cancellationToken);
        if (tasks.Count == 0 || tasks[0].Status != QueuedTaskStatus.Failed
            || tasks.Any(t => t.Status is QueuedTaskStatus.Queued or QueuedTaskStatus.Processing)) return null;
        var neverMade = service.ProvisionedAt is null && service.Status is ServiceStatus.Active or ServiceStatus.Suspended;
        // A service never made lacks its create, whatever failed after it (a suspend of a server that does not exist).
        if (neverMade && tasks.Any(t => ReadInput(t.InputJson).Action == ModuleActions.Create)) return ModuleActions.Create;
        var last = ReadInput(tasks[0].InputJson).Action;
        return last == ModuleActions.Create ? null : last;
    }

    /// <summary>
    /// Queues the service's last module action again (<see cref="RetryableActionAsync"/>). For a create, the setup fee it
    /// paid buys the service it has not had yet, and billing starts when the create succeeds. Moves the
    /// <see cref="Service.Revision"/>, so two people retrying at once queue one action, not two.
    /// </summary>
    public static async Task RetryModuleActionAsync(AppDbContext db, Service service, ServicePlan plan, DateTime now, string actor, CancellationToken cancellationToken)
    {
        var action = await RetryableActionAsync(db, service, plan, cancellationToken)
                     ?? throw new RuleViolationException("Only a service whose last module action failed, with none on its way, can have it sent again.");
        service.Revision++;
        Record(db, service, "Module action retried", $"The module's {action} was queued again.", actor, now);
        QueueModuleAction(db, service, plan, action);
    }

    /// <summary>
    /// A module action that failed, or one still "in progress" whose task may have ended without a word (its node died and
    /// the sweep failed it): either way, with no task of the lane queued or running, nothing more is on its way.
    /// </summary>
    private static bool MayHaveFailed(ProvisionStatus status) => status is ProvisionStatus.Failed or ProvisionStatus.InProgress;

    /// <summary>What the lane of a service's module actions starts with (its id follows).</summary>
    public const string ModuleLanePrefix = "service:";

    /// <summary>The task lane of a service's module actions: one at a time, in the order asked for.</summary>
    private static string ModuleLane(Guid serviceId) => ModuleLanePrefix + serviceId;

    /// <summary>
    /// What starting a pending service takes from the balance at <paramref name="now"/>: the setup fee plus the first charge
    /// (the first hour of a metered service, the first period of one paid per period, the price itself of a one-time one).
    /// <see cref="ActivateAsync"/> starts a service only when the balance plus credit limit covers it; the client area's
    /// order summary shows the same figure.
    /// </summary>
    public static decimal StartCost(ServicePlan plan, DateTime now) =>
        plan.Setup + (plan.Period == PricePeriod.OneTime ? OneTimePrice(plan) : FirstCharge(plan, now)?.Amount ?? 0m);

    /// <summary>
    /// The first charges of the client's started services that wait for their module's create (active, not billed yet):
    /// <see cref="StartChargingAsync"/> takes each when its create succeeds, so starting another service must leave them covered.
    /// One whose create failed (or whose task ended without a word) with no try on its way is left out: it waits for staff,
    /// maybe for long (a retry counts it again).
    /// </summary>
    public static async Task<decimal> AwaitingFirstChargesAsync(AppDbContext db, Guid clientId, DateTime now, CancellationToken cancellationToken)
    {
        var awaiting = await db.Services.AsNoTracking()
            .Where(s => s.ClientId == clientId && s.Status == ServiceStatus.Active && s.BillingAnchor == null && s.TerminationRequestedAt == null)
            .Select(s => new { Source = new PlanSource(s.Id, s.ClientId, s.ProductPriceId, s.Options.Any()), s.IsIdle,
                Failed = s.ProvisionStatus == ProvisionStatus.Failed || s.ProvisionStatus == ProvisionStatus.InProgress })
            .ToListAsync(cancellationToken);
        if (awaiting.Count == 0) return 0m;
        var failedLanes = awaiting.Where(a => a.Failed).Select(a => ModuleLane(a.Source.ServiceId)).ToList();
        var retrying = failedLanes.Count == 0 ? [] : (await db.QueuedTasks.AsNoTracking()
                .Where(t => failedLanes.Contains(t.Lane!) && (t.Status == QueuedTaskStatus.Queued || t.Status == QueuedTaskStatus.Processing))
                .Select(t => t.Lane!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var counted = awaiting.Where(a => !a.Failed || retrying.Contains(ModuleLane(a.Source.ServiceId))).ToList();
        if (counted.Count == 0) return 0m;
        var plans = await BillingData.PlansAsync(db, counted.Select(a => a.Source).ToList(), cancellationToken);
        return counted.Sum(a => FirstCharge(plans[a.Source.ServiceId], now, a.IsIdle)?.Amount ?? 0m);
    }

    /// <summary>A one-time price with the options ordered with it (their one-time prices), charged once when the service starts.</summary>
    public static decimal OneTimePrice(ServicePlan plan) => plan.Base + plan.Options.Sum(o => o.Base);

    /// <summary>What is ordered: for whom, which product at which of its prices, the options (at most one per option group) and a label.</summary>
    public sealed record ServiceOrder(Guid ClientId, Guid ProductId, Guid ProductPriceId, IReadOnlyCollection<Guid> OptionIds, string? Label, string? OrderKey = null);

    /// <summary>
    /// Orders a service, inside the caller's transaction: the one way a service comes to be, for staff's order and the
    /// client's alike. Checks that the client exists, the product is active and in stock, the price is one of the
    /// product's in the client's currency, and the options belong to the product's option groups (field errors of
    /// ClientId, ProductId, ProductPriceId, OptionIds); takes one unit of a stock-controlled product by a conditional
    /// update in the database (so two orders of the last unit give one service and one "out of stock"); adds the
    /// pending service with its options and the "Ordered" history line <paramref name="text"/>, and saves. The caller
    /// commits (or starts the service first with <see cref="ActivateAsync"/>).
    /// </summary>
    public static async Task<Service> OrderAsync(AppDbContext db, ServiceOrder order, DateTime now, string text, string actor, CancellationToken cancellationToken)
    {
        // A first order and a change of the client's currency at the same moment: one of them waits for the other.
        await ClientQueue.JoinAsync(db, order.ClientId, cancellationToken);
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == order.ClientId).Select(c => new { c.CurrencyId, Code = c.Currency!.Code }).FirstOrDefaultAsync(cancellationToken)
            ?? throw RequestValidationException.For(nameof(ServiceOrder.ClientId), "The client does not exist.");
        var product = await db.Products.AsNoTracking().Where(p => p.Id == order.ProductId)
                          .Select(p => new { p.Id, p.IsActive, p.StockControl, p.StockQuantity }).FirstOrDefaultAsync(cancellationToken)
                      ?? throw RequestValidationException.For(nameof(ServiceOrder.ProductId), "The product does not exist.");
        if (!product.IsActive) throw RequestValidationException.For(nameof(ServiceOrder.ProductId), "The product is not active: activate it before selling it.");
        if (product.StockControl && product.StockQuantity <= 0) throw RequestValidationException.For(nameof(ServiceOrder.ProductId), OutOfStock);
        var price = await db.ProductPrices.AsNoTracking().Where(p => p.Id == order.ProductPriceId && p.ProductId == product.Id)
                        .Select(p => new { p.CurrencyId, Code = p.Currency!.Code, p.Period }).FirstOrDefaultAsync(cancellationToken)
                    ?? throw RequestValidationException.For(nameof(ServiceOrder.ProductPriceId), "Choose one of the product's prices.");
        if (price.CurrencyId != client.CurrencyId)
            throw RequestValidationException.For(nameof(ServiceOrder.ProductPriceId), $"The price is in {price.Code}, but the client pays in {client.Code}.");
        var optionIds = (await CheckOptionsAsync(db, product.Id, order.OptionIds, [], price.Code, price.Period, nameof(ServiceOrder.OptionIds), cancellationToken)).Select(o => o.Id).ToList();

        // The stock is held by the database: the unit is taken only while one is left, whoever else orders at the same moment.
        if (product.StockControl
            && await db.Products.Where(p => p.Id == product.Id && p.StockControl && p.StockQuantity > 0)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.StockQuantity, p => p.StockQuantity - 1), cancellationToken) == 0)
            throw RequestValidationException.For(nameof(ServiceOrder.ProductId), OutOfStock);

        var service = new Service
        {
            ClientId = order.ClientId, ProductId = product.Id, ProductPriceId = order.ProductPriceId, OrderedAt = now, HoldsStockUnit = product.StockControl,
            Label = string.IsNullOrWhiteSpace(order.Label) ? null : order.Label.Trim(), OrderKey = order.OrderKey,
            Options = optionIds.Select(o => new ServiceOptionChoice { ProductOptionId = o, AddedAt = now }).ToList(),
        };
        db.Services.Add(service);
        Record(db, service, "Ordered", text, actor, now);
        await db.SaveChangesAsync(cancellationToken);
        return service;
    }

    public const string OutOfStock = "The product is out of stock.";

    public const string StaffAskedForTermination = "We asked for this service to end. Contact us if you want to keep it.";

    /// <summary>
    /// What the first recurring charge would be if charging started now (null for a one-time price): at the idle prices for
    /// an idle service, as billing will charge it.
    /// </summary>
    public static PlannedCharge? FirstCharge(ServicePlan plan, DateTime now, bool idle = false) =>
        plan.Period == PricePeriod.OneTime ? null : ServiceCharges.Due(plan.Billable(idle, now, now), now).FirstOrDefault();

    /// <summary>
    /// Anchors billing at <paramref name="now"/> and charges what is due (the first hour or period); without
    /// <paramref name="chargeNow"/> it only anchors, due at once, for the next billing run to charge.
    /// </summary>
    public static async Task StartChargingAsync(AppDbContext db, Service service, ServicePlan plan, DateTime now, CancellationToken cancellationToken,
        bool chargeNow = true)
    {
        if (plan.Period == PricePeriod.OneTime) return;
        service.BillingAnchor = now;
        service.PaidUntil = now;
        service.NextChargeAt = now;
        if (chargeNow) await ChargeDueAsync(db, service, plan, now, "system", cancellationToken);
    }

    /// <summary>
    /// Before a change of what the service is charged at: charges, at <paramref name="plan"/>, the time that began before a
    /// late or missed billing run (hours of a metered service, a period just begun) and the time ahead, and saves them, so
    /// that the change applies from now only. Refused, with nothing kept, when the time ahead is then not covered (billing
    /// would suspend the service); <paramref name="change"/> names the change in the refusal ("switching").
    /// </summary>
    private static async Task ChargeBegunTimeAsync(AppDbContext db, Service service, ServicePlan plan, DateTime now, string actor, string change,
        CancellationToken cancellationToken)
    {
        if (service.BillingAnchor is null || service.PaidUntil > now || service.TerminationRequestedAt is not null) return;
        await ChargeDueAsync(db, service, plan, now, actor, cancellationToken);
        if (service.Status != ServiceStatus.Active)
            throw new RuleViolationException($"The balance and credit limit do not cover the time that has begun: add funds before {change}.");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Charges what the service owes up to <paramref name="now"/> that the balance covers; suspends it when a due
    /// charge is not covered (unless it is manual). Returns the rows posted.
    /// </summary>
    public static async Task<IReadOnlyList<LedgerEntry>> ChargeDueAsync(AppDbContext db, Service service, ServicePlan plan, DateTime now, string actor, CancellationToken cancellationToken)
    {
        var due = DueCharges(service, plan, now);
        if (due.Count == 0) return [];
        var (_, isShort, rows) = await PostChargesAsync(db, service, due, whateverTheBalance: false, now, cancellationToken);
        if (isShort && !service.IsManual) Suspend(db, service, plan, SuspensionReasons.FundsShort, now, "system");
        return rows;
    }

    /// <summary>
    /// Before a service stops being charged (terminated, or suspended by staff): charges the time it used that a late or
    /// missed billing run left uncharged, as that run would have: the hours and periods that ended, whatever the balance,
    /// and the hour of a metered service that has begun when the balance covers it (a manual service's whatever the balance).
    /// Without it those hours were lost for good: billing never charges a terminated service, and an unsuspend starts again
    /// from its own moment. A period only begun is not charged (it ends now), nor the time after the paid time of a service
    /// whose termination was asked for (billing stopped there on purpose), nor anything of a service billing stopped
    /// (no next charge: it could not read its price). Returns the amount charged.
    /// </summary>
    public static async Task<decimal> ChargeUsedTimeAsync(AppDbContext db, Service service, ServicePlan plan, DateTime now, CancellationToken cancellationToken)
    {
        if (service.NextChargeAt is null) return 0m;
        var used = DueCharges(service, plan, now).Where(c => plan.Metered ? c.Start < now : c.End <= now).ToList();
        if (used.Count == 0) return 0m;
        var (taken, _, _) = await PostChargesAsync(db, service, used, whateverTheBalance: service.IsManual, now, cancellationToken);
        return taken.Sum(c => c.Amount);
    }

    /// <summary>What the service owes from its paid time up to <paramref name="now"/>; nothing while billing does not charge it.</summary>
    private static List<PlannedCharge> DueCharges(Service service, ServicePlan plan, DateTime now) =>
        service.Status != ServiceStatus.Active || service.TerminationRequestedAt is not null || service.PaidUntil is not { } paidUntil
            || service.BillingAnchor is not { } anchor
            ? []
            : ServiceCharges.Due(plan.Billable(service.IsIdle, anchor, paidUntil), now).ToList();

    /// <summary>
    /// Posts the charges of <paramref name="due"/> the balance covers (see <see cref="Affordable"/>), or all of them, and moves
    /// the paid time to the end of the last one taken.
    /// </summary>
    private static async Task<(List<PlannedCharge> Taken, bool IsShort, IReadOnlyList<LedgerEntry> Rows)> PostChargesAsync(AppDbContext db, Service service,
        List<PlannedCharge> due, bool whateverTheBalance, DateTime now, CancellationToken cancellationToken)
    {
        List<PlannedCharge> taken = [];
        var isShort = false;
        var rows = await Ledger.PostAsync(db, service.ClientId, balance =>
        {
            taken = whateverTheBalance ? due : Affordable(due, balance.Available, now, out isShort);
            return taken.Select(c => ChargePosting(service.Id, ChargeKind.Period, c)).ToList();
        }, now, cancellationToken);
        if (taken.Count > 0) service.PaidUntil = service.NextChargeAt = taken[^1].End;
        return (taken, isShort, rows);
    }

    /// <summary>A suspension staff decide on: the time used before it is charged first (see <see cref="ChargeUsedTimeAsync"/>).</summary>
    public static async Task SuspendByStaffAsync(AppDbContext db, Service service, ServicePlan plan, string reason, DateTime now, string actor,
        CancellationToken cancellationToken)
    {
        // Refused before anything is charged (Suspend checks again for billing's own callers).
        if (service.Status != ServiceStatus.Active) throw new RuleViolationException("Only an active service can be suspended.");
        var used = await ChargeUsedTimeAsync(db, service, plan, now, cancellationToken);
        Suspend(db, service, plan, reason, now, actor, UsedTimeNote(used, plan));
    }

    public static void Suspend(AppDbContext db, Service service, ServicePlan plan, string reason, DateTime now, string actor, string historyNote = "")
    {
        if (service.Status != ServiceStatus.Active) throw new RuleViolationException("Only an active service can be suspended.");
        service.Status = ServiceStatus.Suspended;
        service.SuspendedAt = now;
        service.SuspensionReason = reason;
        service.NextChargeAt = null;
        Record(db, service, "Suspended", $"Suspended: {reason}.{historyNote}", actor, now);
        QueueModuleAction(db, service, plan, ModuleActions.Suspend);
    }

    /// <summary>
    /// Lifts a suspension. The suspended time is not charged: when the paid time ran out meanwhile, billing starts
    /// again from now (a period price gets a new anchor). Refused when the balance does not cover the next charge.
    /// </summary>
    public static async Task UnsuspendAsync(AppDbContext db, Service service, ServicePlan plan, DateTime now, string actor, CancellationToken cancellationToken)
    {
        if (service.Status != ServiceStatus.Suspended) throw new RuleViolationException("Only a suspended service can be unsuspended.");
        var balance = await Ledger.ReadAsync(db, service.ClientId, cancellationToken);
        var restart = service.PaidUntil is null || service.PaidUntil <= now;
        var next = restart ? FirstCharge(plan, now, service.IsIdle) : null;
        if (next is not null && next.Amount > 0 && next.Amount > balance.Available)
            throw new RuleViolationException($"The client's balance and credit limit do not cover the next charge ({Amount(next.Amount, plan.CurrencyCode)}).");
        service.Status = ServiceStatus.Active;
        service.SuspendedAt = null;
        service.SuspensionReason = null;
        Record(db, service, "Unsuspended", "Unsuspended.", actor, now);
        QueueModuleAction(db, service, plan, ModuleActions.Unsuspend);
        if (plan.Period == PricePeriod.OneTime || service.BillingAnchor is null) return;
        if (restart)
        {
            if (!plan.HourlyBilling && plan.Period != PricePeriod.Hourly) service.BillingAnchor = now;
            service.PaidUntil = now;
        }
        service.NextChargeAt = service.PaidUntil;
        await ChargeDueAsync(db, service, plan, now, actor, cancellationToken);
    }

    /// <summary>
    /// Puts an active service idle or wakes it, and settles what that changes at once: a service paid for a period in
    /// advance gets the rest of that period at its new price (a credit when put idle, a charge when woken: the price and
    /// the options held, idle or full, times the share of the paid period left), so that the time paid ahead was always
    /// paid at the state the service is in. A package switch and an option change prorate from that state: settled only
    /// at the next charge, an idle period woken and then switched was credited at the full price it never paid. Time begun
    /// before a late billing run is charged first, at the old state; a metered service (paid by the hour) changes from its
    /// next hour. Waking is refused, with nothing written, when the balance and credit limit do not cover its charge.
    /// </summary>
    public static async Task SetIdleAsync(AppDbContext db, Service service, ServicePlan plan, bool idle, DateTime now, string actor, CancellationToken cancellationToken)
    {
        // Waking is always allowed: an idle service of a product that has stopped offering idle must not stay idle.
        if (idle && !plan.AllowIdle) throw new RuleViolationException("The service's product does not allow idle.");
        if (service.Status != ServiceStatus.Active) throw new RuleViolationException("Only an active service can be put idle or woken.");
        if (service.IsIdle == idle) throw new RuleViolationException(idle ? "The service is idle already." : "The service is not idle.");
        await ChargeBegunTimeAsync(db, service, plan, now, actor, idle ? "putting it idle" : "waking it", cancellationToken);

        var settled = "";
        if (!plan.Metered && plan.Period != PricePeriod.OneTime && service.BillingAnchor is { } anchor
            && await PaidPeriodAsync(db, service, cancellationToken) is (var start, var end) && end > now)
        {
            // The options held now were all paid for the rest of the period: those of its start by its charge, the ones added
            // since by their proration.
            var share = ShareLeft(start, end, now);
            var amount = MoneyRounding.Ledger(
                (ServiceCharges.PriceAt(plan.Billable(idle, anchor, start), now) - ServiceCharges.PriceAt(plan.Billable(service.IsIdle, anchor, start), now)) * share);
            // Valued at today's prices: after a price rise mid-period, more than was paid would come back.
            if (amount < 0) amount = Math.Max(amount, -await UnusedPaidAsync(db, service.Id, end, now, cancellationToken));
            if (amount != 0)
            {
                var posting = new LedgerPosting(amount > 0 ? LedgerEntryType.Charge : LedgerEntryType.Adjustment, -amount,
                    $"{plan.Title}, {(idle ? "put idle" : "woken")} for the {Percent(share)} % of the paid period left")
                    { ServiceId = service.Id, ChargeKind = ChargeKind.Proration, PeriodStart = now, PeriodEnd = end };
                var funded = true;
                await Ledger.PostAsync(db, service.ClientId, balance =>
                {
                    funded = amount < 0 || balance.Available >= amount;
                    return funded ? [posting] : [];
                }, now, cancellationToken);
                if (!funded) throw new RuleViolationException($"The client's balance and credit limit do not cover waking it for the rest of the paid period ({Amount(amount, plan.CurrencyCode)}).");
                settled = amount > 0 ? $" {Amount(amount, plan.CurrencyCode)} charged for the {Percent(share)} % of the paid period left."
                    : $" {Amount(-amount, plan.CurrencyCode)} credited for the {Percent(share)} % of the paid period left.";
            }
        }
        service.IsIdle = idle;
        service.Revision++; // what is billed changed: a package switch or option change racing it must start again
        var from = plan.Metered ? "from the next hour" : settled.Length > 0 ? "from now" : "from the next charge";
        Record(db, service, idle ? "Idle" : "Unidle",
            (idle ? $"Put idle: charged at the idle price {from}." : $"Woken: charged at the full price {from}.") + settled, actor, now);
        QueueModuleAction(db, service, plan, idle ? ModuleActions.Idle : ModuleActions.Unidle);
    }

    /// <summary>
    /// The module's create failed every try (none is on its way) and it never made the service: there is nothing to
    /// uninstall, so terminating it charges no uninstall fee. A product without a module keeps its fee: there, nothing is
    /// ever "made".
    /// </summary>
    public static async Task<bool> NeverMadeAsync(AppDbContext db, Service service, ServicePlan plan, CancellationToken cancellationToken)
    {
        // Failed, not merely "in progress" with no task left: a try whose node died may well have made the server.
        if (plan.ModuleKey is null || service.ProvisionedAt is not null || service.ProvisionStatus != ProvisionStatus.Failed) return false;
        var lane = ModuleLane(service.Id);
        return !await db.QueuedTasks.AnyAsync(t => t.Lane == lane && (t.Status == QueuedTaskStatus.Queued || t.Status == QueuedTaskStatus.Processing), cancellationToken);
    }

    /// <summary>
    /// Ends the service: charges the time it used that billing has not charged yet (see <see cref="ChargeUsedTimeAsync"/>) and
    /// the uninstall price (whatever the balance; not for a service <see cref="NeverMadeAsync"/>), stops billing, queues the
    /// module's terminate (which removes whatever a failed create may have left).
    /// </summary>
    public static async Task TerminateAsync(AppDbContext db, Service service, ServicePlan plan, DateTime now, string actor, CancellationToken cancellationToken)
    {
        if (service.Status is not (ServiceStatus.Active or ServiceStatus.Suspended)) throw new RuleViolationException("Only an active or suspended service can be terminated.");
        var used = await ChargeUsedTimeAsync(db, service, plan, now, cancellationToken);
        var fee = plan.Uninstall > 0 && await NeverMadeAsync(db, service, plan, cancellationToken) ? 0m : plan.Uninstall;
        if (fee > 0)
            await Ledger.PostAsync(db, service.ClientId, new LedgerPosting(LedgerEntryType.Charge, -MoneyRounding.Ledger(fee), $"{plan.Title}, uninstall fee")
                { ServiceId = service.Id, ChargeKind = ChargeKind.Uninstall, PeriodStart = now }, now, cancellationToken);
        service.Status = ServiceStatus.Terminated;
        service.TerminatedAt = now;
        service.NextChargeAt = null;
        Record(db, service, "Terminated", (fee > 0 ? $"Terminated; uninstall fee {Amount(fee, plan.CurrencyCode)}."
            : plan.Uninstall > 0 ? "Terminated; no uninstall fee, as the module never made the service." : "Terminated.") + UsedTimeNote(used, plan), actor, now);
        QueueModuleAction(db, service, plan, ModuleActions.Terminate);
    }

    /// <summary>Cancels a pending service, which never started: nothing is charged, and its unit of stock is returned.</summary>
    public static async Task CancelAsync(AppDbContext db, Service service, string why, DateTime now, string actor, CancellationToken cancellationToken)
    {
        if (service.Status != ServiceStatus.Pending) throw new RuleViolationException("Only a pending service can be cancelled.");
        service.Status = ServiceStatus.Cancelled;
        service.CancelledAt = now;
        // The unit its order took goes back to the product's stock, in the caller's transaction and by an update in the
        // database, as ordering takes it: an order of the same product at the same moment neither loses nor doubles it.
        if (service.HoldsStockUnit)
        {
            await db.Products.Where(p => p.Id == service.ProductId && p.StockControl)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.StockQuantity, p => p.StockQuantity + 1), cancellationToken);
            service.HoldsStockUnit = false;
        }
        Record(db, service, "Cancelled", why, actor, now);
    }

    /// <summary>
    /// Asks for termination at the end of the paid time, or withdraws the request. What staff asked for (an abuse decision,
    /// say) only staff withdraw: the client is told to contact them.
    /// </summary>
    public static void RequestTermination(AppDbContext db, Service service, bool requested, bool byStaff, DateTime now, string actor)
    {
        if (service.Status is not (ServiceStatus.Active or ServiceStatus.Suspended)) throw new RuleViolationException("Only an active or suspended service can be terminated.");
        if (requested == service.TerminationRequestedAt.HasValue) throw new RuleViolationException(requested ? "Termination is requested already." : "No termination is requested.");
        if (!requested && !byStaff && service.TerminationRequestedByStaff)
            throw new RuleViolationException(StaffAskedForTermination);
        service.TerminationRequestedAt = requested ? now : null;
        service.TerminationRequestedByStaff = requested && byStaff;
        // A request changes what billing does (it stops charging): two at once must not both pass (a staff request
        // overwritten by the client's would become withdrawable).
        service.Revision++;
        Record(db, service, requested ? "Termination requested" : "Termination withdrawn",
            requested ? "Termination requested for the end of the paid time." : "The termination request was withdrawn.", actor, now);
    }

    /// <summary>
    /// Switches an active service to another price row (of its product or another product with the same module): posts
    /// the new row's switch-up or switch-down fee and a prorated adjustment for the rest of the paid period (the new
    /// price minus the current one, times the share of the period left; a credit when switching down), moves the service
    /// to the new price, drops options the new product does not offer, and queues the module's change-package. Later
    /// charges use the new price; time that began before a late billing run is charged first, at the old one. Refused
    /// when the balance does not cover the fee and the proration.
    /// </summary>
    public static async Task ChangePackageAsync(AppDbContext db, Service service, ServicePlan oldPlan, Guid newPriceId, DateTime now, string actor,
        CancellationToken cancellationToken)
    {
        if (service.Status != ServiceStatus.Active) throw new RuleViolationException("Only an active service can change its package.");
        if (newPriceId == service.ProductPriceId) throw new RuleViolationException("The service has this price already.");
        // The client's row first, as every other writer of a client's services and ledger takes it (ordering, terminating,
        // changing options, billing): taken after the product's and the service's rows, a switch racing a termination or an
        // order of the same product deadlocked, and the database's victim got a 500.
        await ClientQueue.JoinAsync(db, service.ClientId, cancellationToken);
        var target = await db.ProductPrices.AsNoTracking().Where(p => p.Id == newPriceId)
            .Select(p => new { p.ProductId, p.CurrencyId, Code = p.Currency!.Code, p.Period, p.SwitchUp, p.SwitchDown, Product = db.Products.First(x => x.Id == p.ProductId) })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw RequestValidationException.For("ProductPriceId", "Choose an existing price.");
        if (!target.Product.IsActive) throw RequestValidationException.For("ProductPriceId", "The product is not active.");
        if (target.Code != oldPlan.CurrencyCode) throw RequestValidationException.For("ProductPriceId", $"The price is in {target.Code}; the service is billed in {oldPlan.CurrencyCode}.");
        // Checked under the target product's row lock, which a change of its module takes too: the service never lands on a
        // product whose module is being changed.
        if (await db.Products.Where(p => p.Id == target.ProductId && p.ModuleKey == oldPlan.ModuleKey)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.ModuleKey, p => p.ModuleKey), cancellationToken) == 0)
            throw RequestValidationException.For("ProductPriceId", "Switch only to a product provisioned by the same module.");
        var metered = oldPlan.Metered;
        if (!metered && target.Period != oldPlan.Period) throw RequestValidationException.For("ProductPriceId", "Switch to a price of the same period.");
        if (oldPlan.Period == PricePeriod.OneTime || target.Period == PricePeriod.OneTime) throw RequestValidationException.For("ProductPriceId", "One-time prices cannot be switched.");

        // The service's options of the groups the new product offers stay (the others are dropped below). They need a price in
        // the new price's currency and period: billing would take one without it as free (a metered service may switch from
        // monthly to yearly, say).
        var offered = await db.ProductOptionGroupLinks.Where(l => l.ProductId == target.ProductId).Select(l => l.OptionGroupId).ToListAsync(cancellationToken);
        var staying = await db.ProductOptions.Where(p => offered.Contains(p.OptionGroupId) && db.ServiceOptions.Any(o => o.ServiceId == service.Id && o.ProductOptionId == p.Id))
            .Select(p => p.Id).ToListAsync(cancellationToken);
        await CheckOptionsAsync(db, target.ProductId, staying, [], target.Code, target.Period, "ProductPriceId", cancellationToken);

        // Charged after the switch, time begun before a late billing run would be priced at the new plan.
        await ChargeBegunTimeAsync(db, service, oldPlan, now, actor, "switching", cancellationToken);

        // The paid period the switch falls in: the last recurring charge's.
        var paid = await PaidPeriodAsync(db, service, cancellationToken);

        // Moving to another product sells a unit of it, held by the database as an order's is.
        var takesUnit = target.ProductId != service.ProductId && target.Product.StockControl;
        if (takesUnit && await db.Products.Where(p => p.Id == target.ProductId && p.StockControl && p.StockQuantity > 0)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.StockQuantity, p => p.StockQuantity - 1), cancellationToken) == 0)
            throw RequestValidationException.For("ProductPriceId", OutOfStock);
        if (target.ProductId != service.ProductId) service.HoldsStockUnit = takesUnit;
        service.ProductId = target.ProductId;
        service.ProductPriceId = newPriceId;
        service.Revision++;
        var dropped = await db.ServiceOptions.Where(o => o.ServiceId == service.Id && !staying.Contains(o.ProductOptionId)).ToListAsync(cancellationToken);
        db.ServiceOptions.RemoveRange(dropped);
        await db.SaveChangesAsync(cancellationToken);
        var newPlan = await BillingData.PlanAsync(db, service.Id, cancellationToken);
        // An idle service moved to a product without idle is woken: left idle it would pay the new product's idle price
        // (often nothing) for good, and could not be woken there.
        var wasIdle = service.IsIdle;
        var woken = wasIdle && !newPlan.AllowIdle;
        if (woken)
        {
            service.IsIdle = false;
            Record(db, service, "Unidle", "Woken: the new product has no idle price; charged at the full price from the switch.", actor, now);
            QueueModuleAction(db, service, newPlan, ModuleActions.Unidle);
        }
        // From the hour to a period paid in advance: the first period starts where the paid hours end. Left on the anchor of
        // the metered service (any moment, weeks ago), the first 'month' would end at its next monthly boundary and be
        // charged in full however few days it held.
        if (metered && !newPlan.Metered && service.PaidUntil is { } paidUntil)
            service.BillingAnchor = paidUntil;

        var postings = new List<LedgerPosting>();
        var up = true;
        if (paid is (var start, var end) && end > now && service.BillingAnchor is { } anchor)
        {
            // The period is valued at the price in force until now (a second switch in one period prorates from the first one's price),
            // idle as it is (putting idle or waking settles the period), and the rest of it at the new price, awake if the switch
            // woke it. A period counts every option held now (those added since its start were paid by their proration, and
            // one dropped here is credited); the hour of a metered service only those it was charged with.
            decimal Value(ServicePlan plan, bool idle)
            {
                var billable = plan.Billable(idle, anchor, start);
                return metered ? BillingPeriods.HourlyRate(plan.Period, ServiceCharges.PriceAt(billable, start), start) : ServiceCharges.PriceAt(billable, now);
            }
            var newAmount = Value(newPlan, service.IsIdle);
            var paidAmount = Value(oldPlan, wasIdle);
            up = newAmount >= paidAmount;
            var share = (decimal)((end - now).TotalSeconds / (end - start).TotalSeconds);
            var proration = MoneyRounding.Ledger((newAmount - paidAmount) * share);
            // Valued at today's prices: after a price rise mid-period, more than was paid would come back.
            if (proration < 0) proration = Math.Max(proration, -await UnusedPaidAsync(db, service.Id, end, now, cancellationToken));
            if (proration != 0)
                postings.Add(new LedgerPosting(proration > 0 ? LedgerEntryType.Charge : LedgerEntryType.Adjustment, -proration,
                    $"{newPlan.Title}, {(up ? "switch up" : "switch down")} for the {(share * 100).ToString("0.##", CultureInfo.InvariantCulture)} % of the paid period left")
                    { ServiceId = service.Id, ChargeKind = ChargeKind.Proration, PeriodStart = now, PeriodEnd = end });
        }
        else
            up = ServiceCharges.PriceAt(newPlan.Billable(service.IsIdle, now, now), now) >= ServiceCharges.PriceAt(oldPlan.Billable(wasIdle, now, now), now);
        var fee = up ? target.SwitchUp : target.SwitchDown;
        if (fee > 0)
            postings.Insert(0, new LedgerPosting(LedgerEntryType.Charge, -MoneyRounding.Ledger(fee), $"{newPlan.Title}, switch {(up ? "up" : "down")} fee")
                { ServiceId = service.Id, ChargeKind = ChargeKind.Switch, PeriodStart = now });

        var needed = -postings.Where(p => p.Amount < 0).Sum(p => p.Amount);
        var funded = true;
        await Ledger.PostAsync(db, service.ClientId, balance =>
        {
            funded = needed <= 0 || balance.Available >= needed;
            return funded ? postings : [];
        }, now, cancellationToken);
        if (!funded) throw new RuleViolationException($"The client's balance and credit limit do not cover the switch ({Amount(needed, oldPlan.CurrencyCode)}).");
        Record(db, service, "Package changed", $"Switched {(up ? "up" : "down")} from {oldPlan.Title.Split(" #")[0]} to {newPlan.Title.Split(" #")[0]}" +
            (dropped.Count > 0 ? $"; {dropped.Count} option(s) the new product does not offer were dropped." : "."), actor, now);
        QueueModuleAction(db, service, newPlan, ModuleActions.ChangePackage);
    }

    /// <summary>
    /// The time the service's last recurring charge paid for (the period it is in, or the hour for a metered one),
    /// when that charge paid up to <see cref="Service.PaidUntil"/>; null before the first charge.
    /// </summary>
    public static async Task<(DateTime Start, DateTime End)?> PaidPeriodAsync(AppDbContext db, Service service, CancellationToken cancellationToken)
    {
        // Not a row from before the billing anchor: a metered service moved to a price paid per period keeps its last paid hour
        // until its first period is charged, and that hour is no period of the new price to prorate (a monthly difference
        // would be settled over one hour).
        var paid = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.ServiceId == service.Id && e.ChargeKind == ChargeKind.Period && e.PeriodEnd == service.PaidUntil && e.PeriodStart >= service.BillingAnchor)
            .Select(e => new { e.PeriodStart, e.PeriodEnd }).FirstOrDefaultAsync(cancellationToken);
        return paid is { PeriodStart: { } start, PeriodEnd: { } end } ? (start, end) : null;
    }

    /// <summary>
    /// What is still unused at <paramref name="now"/> of what the client paid, net, for the paid period that ends at
    /// <paramref name="end"/>: of its charge and of each proration posted in it since (credits counted back), the part of the
    /// time each paid for that is still ahead. A settlement never gives back more than this: it values the period at
    /// today's prices, and after a price rise those are more than was paid.
    /// </summary>
    private static async Task<decimal> UnusedPaidAsync(AppDbContext db, Guid serviceId, DateTime end, DateTime now, CancellationToken cancellationToken) =>
        Math.Max(0m, MoneyRounding.Ledger((await db.LedgerEntries.AsNoTracking()
                .Where(e => e.ServiceId == serviceId && e.PeriodEnd == end && (e.ChargeKind == ChargeKind.Period || e.ChargeKind == ChargeKind.Proration))
                .Select(e => new { e.Amount, e.PeriodStart }).ToListAsync(cancellationToken))
            .Sum(e => -e.Amount * (e.PeriodStart is { } start ? ShareLeft(start, end, now) : 1m))));

    /// <summary>The share of the paid time <paramref name="start"/>–<paramref name="end"/> still ahead at <paramref name="now"/> (0 to 1), exact to the tick.</summary>
    public static decimal ShareLeft(DateTime start, DateTime end, DateTime now) =>
        end <= now || end <= start ? 0m : Math.Min(1m, (decimal)(end - now).Ticks / (end - start).Ticks);

    /// <summary>"45.5": a share as the ledger rows and history name it, in percent with up to two decimals.</summary>
    public static string Percent(decimal share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>What an option of <paramref name="price"/> per period costs (or gives back) for <paramref name="share"/> of a paid period, at ledger precision.</summary>
    public static decimal OptionProration(decimal price, decimal share) => MoneyRounding.Ledger(price * share);

    /// <summary>An option a service may carry, with its group.</summary>
    public sealed record ChosenOption(Guid Id, Guid OptionGroupId, string Name);

    /// <summary>
    /// Checks a set of options for a service of <paramref name="productId"/> priced in <paramref name="currencyCode"/> per
    /// <paramref name="period"/>, and answers them: each must be an option of an option group the product offers (an option
    /// in <paramref name="kept"/>, which the service has already, may stay even when the product stopped offering its group),
    /// at most one per group, and an option taken on that has prices must have one in that currency and period: billing
    /// charges an option at that row, so without it the option would be free (a "convert price" product's options are not
    /// converted, and an option priced in one currency is offered with the product's prices in every other). An option
    /// without any price is free by design. A refusal is a field error of <paramref name="field"/>. Ordering a service
    /// and changing its options share it.
    /// </summary>
    public static async Task<List<ChosenOption>> CheckOptionsAsync(AppDbContext db, Guid productId, IReadOnlyCollection<Guid> optionIds, IReadOnlyCollection<Guid> kept,
        string currencyCode, PricePeriod period, string field, CancellationToken cancellationToken)
    {
        var ids = optionIds.Distinct().ToList();
        var options = await db.ProductOptions.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Where(o => kept.Contains(o.Id) || db.ProductOptionGroupLinks.Any(l => l.ProductId == productId && l.OptionGroupId == o.OptionGroupId))
            .Select(o => new
            {
                o.Id, o.OptionGroupId, o.Key, o.Name,
                Unpriced = o.Prices.Any() && !o.Prices.Any(p => p.Currency!.Code == currencyCode && p.Period == period),
            }).ToListAsync(cancellationToken);
        if (options.Count != ids.Count)
            throw RequestValidationException.For(field, "Choose options of the product's option groups only.");
        if (options.GroupBy(o => o.OptionGroupId).Any(g => g.Count() > 1))
            throw RequestValidationException.For(field, "Choose at most one option of each option group.");
        if (options.FirstOrDefault(o => o.Unpriced && !kept.Contains(o.Id)) is { } unpriced)
            throw RequestValidationException.For(field,
                $"The option {Translations.Resolve(unpriced.Name, "en", unpriced.Key)} has no {(period == PricePeriod.OneTime ? "one-time price" : "price " + BillingPeriods.Words(period))} in {currencyCode}: choose another.");
        return options.Select(o => new ChosenOption(o.Id, o.OptionGroupId, Translations.Resolve(o.Name, "en", o.Key))).ToList();
    }

    /// <summary>The options' prices for the plan's currency and period (an option without such a row is free, as billing charges it).</summary>
    public static async Task<Dictionary<Guid, (decimal Base, decimal Idle)>> OptionPricesAsync(AppDbContext db, ServicePlan plan, IReadOnlyCollection<Guid> optionIds,
        CancellationToken cancellationToken) =>
        (await db.ProductOptionPrices.AsNoTracking()
            .Where(p => optionIds.Contains(p.ProductOptionId) && p.Currency!.Code == plan.CurrencyCode && p.Period == plan.Period)
            .Select(p => new { p.ProductOptionId, p.Base, p.Idle }).ToListAsync(cancellationToken))
        .GroupBy(p => p.ProductOptionId).ToDictionary(g => g.Key, g => (g.First().Base, g.First().Idle));

    /// <summary>
    /// What giving a service the option set of a change comes to: the options added and removed (by name), and the
    /// ledger postings the change makes now (credits first). <see cref="ChangeOptionsAsync"/> applies it; the console's
    /// dialog shows it before.
    /// </summary>
    public sealed record OptionChange(IReadOnlyList<ChosenOption> Added, IReadOnlyList<ChosenOption> Removed, IReadOnlyList<LedgerPosting> Postings, bool Metered,
        decimal? ShareLeft)
    {
        public bool IsEmpty => Added.Count == 0 && Removed.Count == 0;

        /// <summary>What the change takes from the balance now: the charges less the credits (negative when it gives back).</summary>
        public decimal Needed => -Postings.Sum(p => p.Amount);
    }

    /// <summary>
    /// Works out a change of the service's options to exactly <paramref name="optionIds"/> without writing anything
    /// (the rules are on <see cref="ChangeOptionsAsync"/>). Refuses a set that <see cref="CheckOptionsAsync"/> refuses.
    /// </summary>
    public static async Task<OptionChange> PlanOptionChangeAsync(AppDbContext db, Service service, ServicePlan plan, IReadOnlyCollection<Guid> optionIds, DateTime now,
        CancellationToken cancellationToken)
    {
        const string field = "OptionIds";
        var metered = plan.Metered;
        var currentIds = await db.ServiceOptions.AsNoTracking().Where(o => o.ServiceId == service.Id).Select(o => o.ProductOptionId).ToListAsync(cancellationToken);
        var chosen = await CheckOptionsAsync(db, service.ProductId, optionIds, currentIds, plan.CurrencyCode, plan.Period, field, cancellationToken);
        var added = chosen.Where(o => !currentIds.Contains(o.Id)).OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
        var removedIds = currentIds.Where(id => chosen.All(o => o.Id != id)).ToList();
        var removed = await db.ProductOptions.AsNoTracking().Where(o => removedIds.Contains(o.Id))
            .Select(o => new { o.Id, o.OptionGroupId, o.Key, o.Name }).ToListAsync(cancellationToken);
        var removedOptions = removed.Select(o => new ChosenOption(o.Id, o.OptionGroupId, Translations.Resolve(o.Name, "en", o.Key))).OrderBy(o => o.Name, StringComparer.Ordinal).ToList();

        // A period that has begun but is not charged yet would be charged without an option added now (its price counts
        // the options added by its start), and nothing of it is paid to prorate: wait for billing.
        if ((added.Count > 0 || removedOptions.Count > 0) && !metered && service.BillingAnchor is not null && service.PaidUntil is { } paidUntil && paidUntil <= now
            && service.TerminationRequestedAt is null)
            throw new RuleViolationException("Billing has not charged the service's current period yet: change the options after its next run.");

        var postings = new List<LedgerPosting>();
        decimal? shareLeft = null;
        if (!metered && (added.Count > 0 || removedOptions.Count > 0) && await PaidPeriodAsync(db, service, cancellationToken) is (var start, var end) && end > now)
        {
            var share = ShareLeft(start, end, now);
            shareLeft = share;
            var prices = await OptionPricesAsync(db, plan, [.. added.Select(o => o.Id), .. removedOptions.Select(o => o.Id)], cancellationToken);
            decimal Prorated(Guid optionId) => prices.TryGetValue(optionId, out var p) ? OptionProration(service.IsIdle ? p.Idle : p.Base, share) : 0m;
            LedgerPosting Row(LedgerEntryType type, decimal amount, string name, string what) =>
                new(type, amount, $"{plan.Title}, option {name} {what} for the {Percent(share)} % of the paid period left")
                    { ServiceId = service.Id, ChargeKind = ChargeKind.Proration, PeriodStart = now, PeriodEnd = end };
            // Credits first: a charge of the same change may count on them. Valued at today's prices: after an option's price
            // rose mid-period, more than was paid would come back, so the credits stop at what is unused of what was paid (as
            // idle and package switches do; the options' own prices at sale are not kept).
            var creditable = removedOptions.Count == 0 ? 0m : await UnusedPaidAsync(db, service.Id, end, now, cancellationToken);
            foreach (var option in removedOptions)
                if (Math.Min(Prorated(option.Id), creditable) is > 0 and var credit)
                {
                    postings.Add(Row(LedgerEntryType.Adjustment, credit, option.Name, "removed"));
                    creditable -= credit;
                }
            foreach (var option in added)
                if (Prorated(option.Id) is > 0 and var charge)
                    postings.Add(Row(LedgerEntryType.Charge, -charge, option.Name, "added"));
        }
        return new OptionChange(added, removedOptions, postings, metered, shareLeft);
    }

    /// <summary>
    /// Gives an active service exactly the options <paramref name="optionIds"/> (the full set: one per option group at most,
    /// checked by <see cref="CheckOptionsAsync"/>). Options kept keep their row and its <see cref="ServiceOptionChoice.AddedAt"/>;
    /// changing the option of a group removes the old one and adds the new one. A set equal to the current one changes nothing.
    /// <list type="bullet">
    /// <item>An added option gets <c>AddedAt = now</c>; a removed option's row is deleted.</item>
    /// <item>Metered (by the hour): nothing is posted now. The hour that has begun was charged in advance without the
    /// added option, so it is charged from the next hour that starts (billing prices an hour with the options added
    /// by its start, see <see cref="ServiceCharges.PriceAt"/>); a removed option is no longer in the next hour's rate,
    /// and the hours already charged stay.</item>
    /// <item>Not metered (the period paid in advance): each added option posts a <see cref="ChargeKind.Proration"/> charge of
    /// its price (idle price for an idle service) times the share of the paid period left, each removed option a
    /// <see cref="ChargeKind.Proration"/> credit (an Adjustment row, positive) the same way, each rounded to ledger
    /// precision on its own; the next period is charged with the new set. Refused while a period has begun that
    /// billing has not charged yet (minutes after a period's end); nothing is prorated before charging starts (the
    /// first period counts the options then) or after the paid time of a service whose termination is requested.</item>
    /// <item>Metered hours that have begun but billing has not charged yet (minutes after an hour starts, or hours after a
    /// missed run) are charged first, with the options as they stood at each hour's start; refused when the hour ahead is
    /// then not covered (billing would suspend the service).</item>
    /// <item>Refused, with nothing written, when the balance plus credit limit does not cover what the change costs now
    /// (the charges less the credits posted with them, credits first).</item>
    /// <item>The option's setup price is not charged (ordering a service does not charge it either).</item>
    /// </list>
    /// Only an active service with a recurring price: a suspended one is not billed, so what a change costs is unclear
    /// (unsuspend it first). A product with a module gets the module's change-package, which reads the options again.
    /// The history gets "Options changed: added …; removed …".
    /// </summary>
    public static async Task ChangeOptionsAsync(AppDbContext db, Service service, ServicePlan plan, IReadOnlyCollection<Guid> optionIds, DateTime now, string actor,
        CancellationToken cancellationToken)
    {
        if (service.Status != ServiceStatus.Active) throw new RuleViolationException("Only an active service can change its options.");
        if (plan.Period == PricePeriod.OneTime) throw new RuleViolationException("The options of a service with a one-time price cannot be changed.");
        // Metered hours are priced with the options added by each hour's start, and a removed option's row goes below: hours
        // begun before a late billing run are charged first. (A period paid in advance waits for billing: PlanOptionChangeAsync.)
        if (plan.Metered) await ChargeBegunTimeAsync(db, service, plan, now, actor, "changing the options", cancellationToken);
        var change = await PlanOptionChangeAsync(db, service, plan, optionIds, now, cancellationToken);
        if (change.IsEmpty) return;
        var needed = change.Needed;
        if (change.Postings.Count > 0)
        {
            var funded = true;
            await Ledger.PostAsync(db, service.ClientId, balance =>
            {
                funded = needed <= 0 || balance.Available >= needed;
                return funded ? change.Postings : [];
            }, now, cancellationToken);
            if (!funded)
                throw new RuleViolationException($"The client's balance and credit limit do not cover the options for the rest of the paid period ({Amount(needed, plan.CurrencyCode)}).");
        }

        var removedIds = change.Removed.Select(o => o.Id).ToList();
        db.ServiceOptions.RemoveRange(await db.ServiceOptions.Where(o => o.ServiceId == service.Id && removedIds.Contains(o.ProductOptionId)).ToListAsync(cancellationToken));
        db.ServiceOptions.AddRange(change.Added.Select(o => new ServiceOptionChoice { ServiceId = service.Id, ProductOptionId = o.Id, AddedAt = now }));
        // The service row is saved too, with its tokens: a charge billing posted meanwhile (its paid time moved) or another
        // package or option change fails this change instead of passing it by.
        service.Revision++;
        var parts = new List<string>();
        if (change.Added.Count > 0) parts.Add("added " + string.Join(", ", change.Added.Select(o => o.Name)));
        if (change.Removed.Count > 0) parts.Add("removed " + string.Join(", ", change.Removed.Select(o => o.Name)));
        var settled = needed switch
        {
            > 0 => $"; {Amount(needed, plan.CurrencyCode)} charged for the rest of the paid period",
            < 0 => $"; {Amount(-needed, plan.CurrencyCode)} credited for the rest of the paid period",
            _ => change.Metered ? "; the hourly rate follows from the next hour" : "",
        };
        Record(db, service, "Options changed", $"Options changed: {string.Join("; ", parts)}{settled}.", actor, now);
        QueueModuleAction(db, service, plan, ModuleActions.ChangePackage);
    }

    /// <summary>
    /// Applies what the module answered to a lifecycle action. A successful create of an active service starts charging:
    /// with <paramref name="chargeNow"/> its first hour or period is charged here; without it (the charge could not be saved
    /// with the answer) billing is only anchored at <paramref name="now"/>, due at once, and the next billing run charges it.
    /// </summary>
    public static async Task ApplyModuleResultAsync(AppDbContext db, Service service, ServicePlan plan, string action, ProvisioningResult result, DateTime now,
        CancellationToken cancellationToken, bool chargeNow = true)
    {
        // What the module reports is kept from a failed try too: a create that got half way and named what it made can
        // find it on its next try instead of making it twice.
        if (result.ServiceData is { Count: > 0 } data)
        {
            var merged = string.IsNullOrEmpty(service.ProvisionData)
                ? new Dictionary<string, string>()
                : JsonSerializer.Deserialize<Dictionary<string, string>>(service.ProvisionData, Json) ?? [];
            foreach (var (key, value) in data) merged[key] = value;
            service.ProvisionData = JsonSerializer.Serialize(merged, Json);
        }
        if (!result.Succeeded)
        {
            service.ProvisionStatus = ProvisionStatus.Failed;
            service.ProvisionError = result.Message;
            Record(db, service, "Module failed", $"{action}: {result.Message}", plan.ModuleKey ?? "module", now);
            return;
        }
        service.ProvisionStatus = action == ModuleActions.Terminate ? ProvisionStatus.Removed : ProvisionStatus.Provisioned;
        service.ProvisionError = null;
        Record(db, service, "Module", $"{action}: {result.Message ?? "done"}", plan.ModuleKey ?? "module", now);
        if (action != ModuleActions.Create) return;
        service.ProvisionedAt ??= now;
        if (service.BillingAnchor is not null) return;
        if (service.Status == ServiceStatus.Active)
            await StartChargingAsync(db, service, plan, now, cancellationToken, chargeNow);
        else if (service.Status == ServiceStatus.Suspended && plan.Period != PricePeriod.OneTime)
        {
            // Suspended while its create was on its way: billing is anchored now, and lifting the suspension starts it
            // (as it restarts any service whose paid time ran out); without an anchor it would never start.
            service.BillingAnchor = now;
            service.PaidUntil = now;
        }
    }
}
