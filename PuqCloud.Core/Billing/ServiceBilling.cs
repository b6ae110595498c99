using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Features.Platform;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Billing;

/// <summary>What one billing run did.</summary>
public sealed record BillingRunResult(int ServicesCharged, int ChargesPosted, int ServicesSuspended, int Failures, IReadOnlyDictionary<string, decimal> Amounts);

/// <summary>
/// Finance → "Charge services": charges every active service what it owes up to the billing clock's now, in
/// batches of <see cref="BatchSize"/> services, one transaction per batch. A batch reads its services, their
/// plans and their clients' balances in a few queries, appends the clients' ledger rows, moves each balance by a
/// conditional update and moves each service's paid time (guarded by a concurrency token). Anything another
/// writer moved meanwhile (another node, a staff action, a retried run) rolls the batch back and it is read
/// again, and the unique (service, kind, period start) index refuses a service-period charged twice. A crash
/// mid-batch loses the whole batch and the next run charges it: never twice, never skipped.
/// </summary>
public sealed class ServiceBilling(DatabaseOptions database, BillingClock clock, TimeProvider time, NodeIdentity node, TaskSignal signal, ILiveEvents live,
    ILogger<ServiceBilling> logger)
{
    public const string ScheduleKey = "finance:charge-services";
    /// <summary>Live topic: a billing run started, charged a batch, or finished (the dashboard's billing widget follows it).</summary>
    public const string RunTopic = "billing.runs";
    public const int BatchSize = 2000;
    private const int MaxAttempts = 20;

    public static ScheduleDefinition Definition() => new(ScheduleKey, ScheduleTabs.Finance, "Charge services",
        "Charges active services from their clients' balances: metered products by the hour, one hour ahead, catching up missed hours; " +
        "other prices a whole period in advance. Time a missed run leaves behind was used and is charged whatever the balance; " +
        "a service whose next charge the balance and credit limit do not cover is suspended.",
        "*/5 * * * *", true, (sp, ct) => sp.GetRequiredService<ServiceBilling>().RunAsync(ct));

    /// <summary>Charges everything due now; records the run for the dashboard.</summary>
    public async Task<BillingRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        // Started and finished are real time (the run's duration); what it charged up to is the billing clock's.
        var run = new BillingRun { StartedAt = time.GetUtcNow().UtcDateTime, ChargedUpTo = now, Node = node.Name };
        await using (var db = database.CreatePlainContext())
        {
            db.BillingRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }
        await live.PublishAsync(new LiveEvent(RunTopic, run.Id.ToString(), run.StartedAt), cancellationToken);

        var amounts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        int charged = 0, posted = 0, suspended = 0, failures = 0;
        string? error = null;
        try
        {
            while (true)
            {
                var batch = await ChargeBatchAsync(now, cancellationToken);
                if (batch is null) break;
                charged += batch.ServicesCharged;
                posted += batch.ChargesPosted;
                suspended += batch.ServicesSuspended;
                failures += batch.Failures;
                foreach (var (currency, amount) in batch.Amounts) amounts[currency] = amounts.GetValueOrDefault(currency) + amount;
                await RecordAsync(run, charged, posted, suspended, failures, amounts, null, finished: false, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = e.Message;
            failures++;
            logger.LogError(e, "Billing run {RunId} failed after charging {Services} services", run.Id, charged);
            throw;
        }
        finally
        {
            await RecordAsync(run, charged, posted, suspended, failures, amounts, error, finished: true, CancellationToken.None);
        }
        return new BillingRunResult(charged, posted, suspended, failures, amounts);
    }

    private async Task RecordAsync(BillingRun run, int charged, int posted, int suspended, int failures, Dictionary<string, decimal> amounts, string? error,
        bool finished, CancellationToken cancellationToken)
    {
        await using var db = database.CreatePlainContext();
        await db.BillingRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ServicesCharged, charged)
            .SetProperty(r => r.ChargesPosted, posted)
            .SetProperty(r => r.ServicesSuspended, suspended)
            .SetProperty(r => r.Failures, failures)
            .SetProperty(r => r.AmountsJson, JsonSerializer.Serialize(amounts))
            .SetProperty(r => r.Error, error)
            .SetProperty(r => r.FinishedAt, finished ? time.GetUtcNow().UtcDateTime : null), cancellationToken);
        await live.PublishAsync(new LiveEvent(RunTopic, run.Id.ToString(), time.GetUtcNow().UtcDateTime), cancellationToken);
    }

    /// <summary>One batch, retried from a fresh read when another writer came first; null when nothing is due.</summary>
    private async Task<BillingRunResult?> ChargeBatchAsync(DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryChargeBatchAsync(now, cancellationToken);
            }
            catch (Exception e) when (attempt < MaxAttempts && IsLostRace(e))
            {
                logger.LogInformation("Billing batch met another writer ({Reason}); reading it again", e.GetType().Name);
                await Task.Delay(Random.Shared.Next(5, 20 + attempt * 10), cancellationToken);
            }
        }
    }

    private static bool IsLostRace(Exception e) => e is LostRaceException or DbUpdateConcurrencyException or DbUpdateException;

    private sealed class LostRaceException(string message) : Exception(message);

    /// <summary>What a batch reads of a due service (no tracked entity per row).</summary>
    private sealed record DueService(Guid Id, Guid ClientId, Guid PriceId, bool HasOptions, bool IsIdle, bool IsManual, DateTime? Anchor, DateTime? PaidUntil, int Revision);

    private async Task<BillingRunResult?> TryChargeBatchAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = database.CreatePlainContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var services = await db.Services.AsNoTracking()
            // A service whose client asked for termination is not charged past its paid time; the Service tab ends it.
            .Where(s => s.Status == ServiceStatus.Active && s.NextChargeAt != null && s.NextChargeAt <= now && s.TerminationRequestedAt == null)
            .OrderBy(s => s.NextChargeAt).ThenBy(s => s.Id)
            .Take(BatchSize)
            .Select(s => new DueService(s.Id, s.ClientId, s.ProductPriceId, s.Options.Any(), s.IsIdle, s.IsManual, s.BillingAnchor, s.PaidUntil, s.Revision))
            .ToListAsync(cancellationToken);
        if (services.Count == 0) return null;

        var plans = await BillingData.PlansAsync(db, services.Select(s => new PlanSource(s.Id, s.ClientId, s.PriceId, s.HasOptions)).ToList(), cancellationToken);
        var before = await Ledger.ReadManyAsync(db, services.Select(s => s.ClientId).Distinct().ToList(), cancellationToken);
        var state = new Dictionary<Guid, ClientBalance>(before);
        var rows = new Dictionary<Guid, List<LedgerEntry>>();
        var amounts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var moves = new List<(Guid Id, DateTime From, DateTime To)>();
        var toSuspend = new List<Guid>();
        var shortClients = new HashSet<Guid>();
        // Services billing cannot go on with, and why: each leaves billing with a line in its history.
        var unbillable = new Dictionary<Guid, string>();
        var charged = 0;
        var posted = 0;

        foreach (var service in services)
        {
            if (!plans.TryGetValue(service.Id, out var plan) || service.PaidUntil is not { } paidUntil || service.Anchor is not { } anchor)
            {
                unbillable[service.Id] = "Billing could not read the service's price; charges stopped.";
                continue;
            }
            var due = ServiceCharges.Due(plan.Billable(service.IsIdle, anchor, paidUntil), now).ToList();
            if (due.Count == 0)
            {
                // Due by its next charge but owing nothing (a one-time price): left in, it would be read by every batch of
                // the run again, and the run would never end.
                unbillable[service.Id] = "Billing found nothing to charge at the service's price (one-time); charges stopped.";
                continue;
            }
            var balance = state[service.ClientId];
            var isShort = false;
            var taken = service.IsManual ? due : ServiceSteps.Affordable(due, balance.Available, now, out isShort);
            if (taken.Count > 0)
            {
                var (newRows, after) = Ledger.Append(balance, taken.Select(c => ServiceSteps.ChargePosting(service.Id, ChargeKind.Period, c)), now);
                state[service.ClientId] = after;
                (rows.TryGetValue(service.ClientId, out var list) ? list : rows[service.ClientId] = []).AddRange(newRows);
                moves.Add((service.Id, paidUntil, taken[^1].End));
                amounts[plan.CurrencyCode] = amounts.GetValueOrDefault(plan.CurrencyCode) + taken.Sum(c => c.Amount);
                charged++;
                posted += newRows.Count;
            }
            if (isShort)
            {
                toSuspend.Add(service.Id);
                shortClients.Add(service.ClientId);
            }
        }

        // The clients found short are checked too, with nothing to move: a payment that landed after the batch read their
        // balance must not let it suspend a service that is paid for now (the batch reads again instead).
        if (!await Ledger.TryMoveBalancesAsync(db, rows.Keys.Union(shortClients).Select(c => (before[c], state[c])).ToList(), cancellationToken))
            throw new LostRaceException("A client's balance moved while the batch was charged.");
        await LedgerWriter.InsertAsync(db, rows.Values.SelectMany(r => r).ToList(), cancellationToken);
        // Services move their paid time in groups that moved alike (usually one statement per batch), each only from the
        // paid time that was read and while still active: a group that finds fewer rows than it read lost a race.
        foreach (var group in moves.GroupBy(m => (m.From, m.To)))
        {
            var ids = group.Select(m => m.Id).ToList();
            var (from, to) = group.Key;
            var moved = await db.Services.Where(s => ids.Contains(s.Id) && s.PaidUntil == from && s.Status == ServiceStatus.Active)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.PaidUntil, to).SetProperty(s => s.NextChargeAt, to), cancellationToken);
            if (moved != ids.Count) throw new LostRaceException("A service changed while the batch was charged.");
        }
        // A package or option change (Revision) or idling committed after the batch read its services moves neither their
        // paid time nor, when it posts nothing, the balance: on PostgreSQL the moves above still matched. They now hold
        // the rows, so this look sees the plan in force; one other than the plan charged sends the batch round again.
        var movedIds = moves.Select(m => m.Id).ToList();
        if (movedIds.Count > 0)
        {
            var read = services.ToDictionary(s => s.Id, s => (s.PriceId, s.Revision, s.IsIdle));
            var inForce = await db.Services.AsNoTracking().Where(s => movedIds.Contains(s.Id))
                .Select(s => new { s.Id, s.ProductPriceId, s.Revision, s.IsIdle }).ToListAsync(cancellationToken);
            if (inForce.Any(s => read[s.Id] != (s.ProductPriceId, s.Revision, s.IsIdle)))
                throw new LostRaceException("A service's plan changed while the batch was charged.");
        }
        // The rare ones are handled as entities, after the moves above (so their paid time is read as moved).
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        foreach (var service in await db.Services.Where(s => toSuspend.Contains(s.Id)).ToListAsync(cancellationToken))
            ServiceSteps.Suspend(db, service, plans[service.Id], SuspensionReasons.FundsShort, now, "system");
        var stopped = unbillable.Keys.ToList();
        foreach (var service in await db.Services.Where(s => stopped.Contains(s.Id)).ToListAsync(cancellationToken))
        {
            // Cannot be billed: leave it out of billing and say so once.
            service.NextChargeAt = null;
            ServiceSteps.Record(db, service, "Billing stopped", unbillable[service.Id], "system", now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (toSuspend.Count > 0) signal.Notify();
        // Open pages of these clients (their balance, services and ledger) refresh.
        foreach (var clientId in services.Where(s => rows.ContainsKey(s.ClientId) || toSuspend.Contains(s.Id)).Select(s => s.ClientId).Distinct())
            await live.PublishAsync(new LiveEvent(ServiceTopics.Services, clientId.ToString(), now), cancellationToken);
        logger.LogInformation("Billing batch: {Services} services charged, {Rows} charges, {Suspended} suspended, up to {Now}",
            charged, posted, toSuspend.Count, now.ToString("u", CultureInfo.InvariantCulture));
        return new BillingRunResult(charged, posted, toSuspend.Count, unbillable.Count, amounts);
    }
}
