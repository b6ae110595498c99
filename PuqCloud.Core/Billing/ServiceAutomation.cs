using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Billing;

/// <summary>
/// The Scheduler's Service tab: the lifecycle that follows from money and time. Each service is handled in a
/// transaction of its own, so one that cannot be handled (funds short, changed meanwhile) never holds up the rest.
/// Manual services are left alone.
/// </summary>
public sealed class ServiceAutomation(DatabaseOptions database, BillingClock clock, TaskSignal signal, ILiveEvents live, ILogger<ServiceAutomation> logger)
{
    public const string ActivateKey = "services:create-pending";
    public const string CancelKey = "services:cancel-pending";
    public const string UnsuspendKey = "services:unsuspend-funded";
    public const string TerminateKey = "services:terminate";
    private const string Actor = "system";

    public static IEnumerable<ScheduleDefinition> Definitions()
    {
        yield return new(ActivateKey, ScheduleTabs.Service, "Create pending services",
            "Starts pending services whose client's balance and credit limit cover the setup fee and the first charge, each client's oldest first (a later order waits behind an earlier one short of funds): posts the setup fee and queues the module's create.",
            "*/5 * * * *", true, (sp, ct) => sp.GetRequiredService<ServiceAutomation>().CreatePendingAsync(ct));
        yield return new(CancelKey, ScheduleTabs.Service, "Cancel unpaid pending services",
            "Cancels pending services still unpaid after their product's cancellation delay (a delay of 0 keeps them waiting).",
            "0 * * * *", true, (sp, ct) => sp.GetRequiredService<ServiceAutomation>().CancelPendingAsync(ct));
        yield return new(UnsuspendKey, ScheduleTabs.Service, "Unsuspend when funds return",
            "Unsuspends services suspended for short funds once the balance covers the next charge; the suspended time is not charged.",
            "*/5 * * * *", true, (sp, ct) => sp.GetRequiredService<ServiceAutomation>().UnsuspendFundedAsync(ct));
        // Every 5 minutes: a service whose client asked for termination runs on, unbilled, from the end of its paid time
        // until this runs (up to 59 minutes when it ran hourly).
        yield return new(TerminateKey, ScheduleTabs.Service, "Terminate services",
            "Terminates services suspended for longer than their product's termination delay (0 never terminates), and services whose client asked for termination once their paid time ends.",
            "*/5 * * * *", true, (sp, ct) => sp.GetRequiredService<ServiceAutomation>().TerminateDueAsync(ct));
    }

    /// <summary>
    /// Starts the pending services that may start: not of a product taken off sale (inactive: "not ordered or provisioned at
    /// all"), nor of a client closed or flagged as fraud since ordering (a payment that may be charged back would start them).
    /// Staff can still start such a service by hand. A client's orders start oldest first: while an earlier one is short of
    /// funds, the later ones wait behind it, as the order page tells the client (its funds are "kept for earlier orders");
    /// a cheaper later order started first spent what the top-up the earlier one asked for was meant for.
    /// </summary>
    public async Task<int> CreatePendingAsync(CancellationToken cancellationToken)
    {
        var shortOfFunds = new HashSet<Guid>();
        return await EachAsync(db => db.Services.Where(s => s.Status == ServiceStatus.Pending && !s.IsManual
                && db.Products.Any(p => p.Id == s.ProductId && p.IsActive)
                && db.Clients.Any(c => c.Id == s.ClientId && c.Status != ClientStatus.Closed && c.Status != ClientStatus.Fraud)),
            async (db, service, plan, now) =>
        {
            if (shortOfFunds.Contains(service.ClientId)) return false;
            // Funds short is the only refusal for a pending service; it waits for the next run, and so do the client's later orders.
            try { await ServiceSteps.ActivateAsync(db, service, plan, now, Actor, cancellationToken); return true; }
            catch (RuleViolationException)
            {
                shortOfFunds.Add(service.ClientId);
                return false;
            }
        }, cancellationToken);
    }

    public async Task<int> CancelPendingAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        return await EachAsync(db => db.Services.Where(s => s.Status == ServiceStatus.Pending && !s.IsManual)
                .Where(s => db.Products.Any(p => p.Id == s.ProductId && p.CancellationDelayHours > 0)),
            async (db, service, plan, at) =>
            {
                if (service.OrderedAt.AddHours(plan.CancellationDelayHours) > at) return false;
                await ServiceSteps.CancelAsync(db, service, $"Cancelled: not paid within {plan.CancellationDelayHours} hours.", at, Actor, cancellationToken);
                return true;
            }, cancellationToken, now);
    }

    public async Task<int> UnsuspendFundedAsync(CancellationToken cancellationToken) =>
        await EachAsync(db => db.Services.Where(s => s.Status == ServiceStatus.Suspended && !s.IsManual && s.SuspensionReason == SuspensionReasons.FundsShort),
            async (db, service, plan, now) =>
            {
                try { await ServiceSteps.UnsuspendAsync(db, service, plan, now, Actor, cancellationToken); return true; }
                catch (RuleViolationException) { return false; }
            }, cancellationToken);

    public async Task<int> TerminateDueAsync(CancellationToken cancellationToken) =>
        // A termination someone asked for ends a manual service too: billing stops charging a service once asked, so a
        // manual one left running would run on unpaid. Manual only keeps the automatic termination of long suspensions off.
        await EachAsync(db => db.Services.Where(s =>
                (!s.IsManual && s.Status == ServiceStatus.Suspended && db.Products.Any(p => p.Id == s.ProductId && p.TerminationDelayHours > 0))
                || ((s.Status == ServiceStatus.Active || s.Status == ServiceStatus.Suspended) && s.TerminationRequestedAt != null)),
            async (db, service, plan, now) =>
            {
                var requestedAndPaidOut = service.TerminationRequestedAt is not null && (service.PaidUntil is null || service.PaidUntil <= now || plan.Period == PricePeriod.OneTime);
                var suspendedTooLong = !service.IsManual && service.Status == ServiceStatus.Suspended && plan.TerminationDelayHours > 0
                    && service.SuspendedAt is { } since && since.AddHours(plan.TerminationDelayHours) <= now;
                if (!requestedAndPaidOut && !suspendedTooLong) return false;
                await ServiceSteps.TerminateAsync(db, service, plan, now, Actor, cancellationToken);
                return true;
            }, cancellationToken);

    private DateTime Now => clock.UtcNow;

    /// <summary>Runs <paramref name="step"/> for each service the query finds, one transaction each; returns how many it changed.</summary>
    private async Task<int> EachAsync(Func<AppDbContext, IQueryable<Service>> query, Func<AppDbContext, Service, ServicePlan, DateTime, Task<bool>> step,
        CancellationToken cancellationToken, DateTime? at = null)
    {
        var now = at ?? Now;
        List<Guid> ids;
        await using (var db = database.CreatePlainContext())
            ids = await query(db).OrderBy(s => s.OrderedAt).ThenBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var id in ids)
        {
            try
            {
                await using var db = database.CreatePlainContext();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // Found again by the same query, inside the transaction: a service that staff started, cancelled or made
                // manual since the list was read is no longer the schedule's to handle (and its step would refuse it).
                var service = await query(db).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
                if (service is null) continue;
                var plan = await BillingData.PlanAsync(db, id, cancellationToken);
                if (!await step(db, service, plan, now)) continue;
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                changed++;
                await live.PublishAsync(new LiveEvent(ServiceTopics.Services, service.ClientId.ToString(), now), cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed the service meanwhile; the next run sees it as it is now.
                logger.LogInformation("Service {ServiceId} changed while automation handled it; left for the next run", id);
            }
        }
        if (changed > 0) signal.Notify();
        return changed;
    }
}
