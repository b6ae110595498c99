using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Billing;

/// <summary>A client whose balance does not follow from its ledger, and why.</summary>
public sealed record BalanceDifference(Guid ClientId, decimal Balance, decimal LedgerBalance, string Problem);

/// <summary>
/// Proves every balance equals its ledger: walks each client's rows in sequence order (streamed, any number of
/// rows) and checks that the sequence has no gap, each row starts where the previous one ended and moves by its
/// amount, and the client's balance and sequence are the last row's. Differences go to the error log and to the
/// Module Log (module "billing") for staff to see; the test suite calls <see cref="CheckAsync"/> after every scenario.
/// </summary>
public sealed class BalanceReconciliation(DatabaseOptions database, TimeProvider clock, ILiveEvents live, ILogger<BalanceReconciliation> logger)
{
    public const string ScheduleKey = "finance:reconcile-balances";
    public const string LogKey = "billing";

    public static ScheduleDefinition Definition() => new(ScheduleKey, ScheduleTabs.Finance, "Reconcile balances",
        "Checks that every client's balance equals the sum of its ledger, row by row; any difference is written to the Module Log as an error.",
        "15 * * * *", true, async (sp, ct) =>
        {
            var differences = await sp.GetRequiredService<BalanceReconciliation>().RunAsync(ct);
            if (differences.Count > 0)
                throw new InvalidOperationException($"{differences.Count} client balance(s) differ from their ledger; see the Module Log (billing).");
        });

    /// <summary>Checks every client; returns the differences (none when all is well).</summary>
    public static async Task<IReadOnlyList<BalanceDifference>> CheckAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var differences = new List<BalanceDifference>();
        var clients = await db.Clients.AsNoTracking().Select(c => new { c.Id, c.Balance, c.LedgerSequence })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        Guid? current = null;
        decimal running = 0m;
        long sequence = 0;
        string? problem = null;

        void Close()
        {
            if (current is not { } id) return;
            var client = clients[id];
            problem ??= client.Balance != running ? "the balance is not the ledger's sum"
                : client.LedgerSequence != sequence ? "the client's sequence is not its last row's" : null;
            if (problem is not null) differences.Add(new BalanceDifference(id, client.Balance, running, problem));
            clients.Remove(id);
        }

        var rows = db.LedgerEntries.AsNoTracking().OrderBy(e => e.ClientId).ThenBy(e => e.Sequence)
            .Select(e => new { e.ClientId, e.Sequence, e.Amount, e.BalanceBefore, e.BalanceAfter }).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.ClientId != current)
            {
                Close();
                (current, running, sequence, problem) = (row.ClientId, 0m, 0, null);
            }
            if (problem is not null) continue;
            if (row.Sequence != sequence + 1) problem = $"row {sequence + 1} is missing";
            else if (row.BalanceBefore != running) problem = $"row {row.Sequence} starts at {row.BalanceBefore.ToString(CultureInfo.InvariantCulture)}, not {running.ToString(CultureInfo.InvariantCulture)}";
            else if (row.BalanceAfter != row.BalanceBefore + row.Amount) problem = $"row {row.Sequence} does not add up";
            running += row.Amount;
            sequence = row.Sequence;
        }
        Close();
        // Clients without rows: their balance must be zero.
        differences.AddRange(clients.Values.Where(c => c.Balance != 0m || c.LedgerSequence != 0)
            .Select(c => new BalanceDifference(c.Id, c.Balance, 0m, "the client has a balance but no ledger rows")));
        return differences;
    }

    public async Task<IReadOnlyList<BalanceDifference>> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreatePlainContext();
        var differences = await CheckAsync(db, cancellationToken);
        if (differences.Count == 0) return differences;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var d in differences)
        {
            logger.LogError("Client {ClientId}: balance {Balance} but ledger {Ledger}: {Problem}", d.ClientId, d.Balance, d.LedgerBalance, d.Problem);
            db.ModuleLog.Add(new ModuleLogEntry
            {
                At = now, ModuleKey = LogKey, Action = "reconcile", Level = "Error",
                Message = $"Client {d.ClientId}: balance {d.Balance.ToString(CultureInfo.InvariantCulture)} but ledger {d.LedgerBalance.ToString(CultureInfo.InvariantCulture)}: {d.Problem}.",
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(EngineTopics.ModuleLog, LogKey, now), cancellationToken);
        return differences;
    }
}
