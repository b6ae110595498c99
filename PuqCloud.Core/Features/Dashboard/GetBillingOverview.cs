using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Dashboard;

/// <summary>The billing widget: the business at a glance.</summary>
public sealed record BillingOverview(
    BillingRunSummary? LastRun,
    IReadOnlyList<ServiceStatusCount> Services,
    IReadOnlyList<CurrencyAmount> ChargedToday,
    IReadOnlyList<CurrencyAmount> ChargedThisMonth,
    int NegativeBalanceClients,
    int SuspendedForFunds,
    bool ReconciliationFailed);

/// <summary>The last billing run (or the one in progress, <see cref="FinishedAt"/> null).</summary>
public sealed record BillingRunSummary(DateTime StartedAt, DateTime? FinishedAt, DateTime ChargedUpTo, int ServicesCharged, int ChargesPosted, int ServicesSuspended,
    int Failures, IReadOnlyList<CurrencyAmount> Amounts, string? Error);

public sealed record ServiceStatusCount(ServiceStatus Status, int Count);

public sealed record CurrencyAmount(string CurrencyCode, decimal Amount, string Text);

[RequiresPermission(Permissions.TransactionsView)]
public sealed record GetBillingOverview : IQuery<BillingOverview>;

public sealed class GetBillingOverviewHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock) : IRequestHandler<GetBillingOverview, BillingOverview>
{
    public async Task<BillingOverview> Handle(GetBillingOverview request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var today = now.Date;
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var currencies = await db.Currencies.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        CurrencyAmount Amount(string code, decimal amount) =>
            new(code, amount, currencies.TryGetValue(code, out var c) ? c.FormatAmount(amount) : $"{amount:0.00} {code}");

        var run = await db.BillingRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(cancellationToken);
        var lastRun = run is null ? null : new BillingRunSummary(run.StartedAt, run.FinishedAt, run.ChargedUpTo, run.ServicesCharged, run.ChargesPosted,
            run.ServicesSuspended, run.Failures,
            (JsonSerializer.Deserialize<Dictionary<string, decimal>>(run.AmountsJson) ?? []).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => Amount(a.Key, a.Value)).ToList(),
            run.Error);

        var byStatus = await db.Services.AsNoTracking().GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var services = Enum.GetValues<ServiceStatus>().Select(s => new ServiceStatusCount(s, byStatus.FirstOrDefault(x => x.Key == s)?.Count ?? 0)).ToList();

        // Charges are negative amounts; the month's rows per currency are summed by the database.
        async Task<IReadOnlyList<CurrencyAmount>> ChargedSinceAsync(DateTime since) =>
            (await db.LedgerEntries.AsNoTracking().Where(e => e.Type == LedgerEntryType.Charge && e.CreatedAt >= since)
                .GroupBy(e => e.CurrencyCode).Select(g => new { g.Key, Sum = g.Sum(e => e.Net) }).ToListAsync(cancellationToken))
            .OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => Amount(x.Key, x.Sum)).ToList();

        var negative = await db.Clients.AsNoTracking().CountAsync(c => c.Balance < 0m, cancellationToken);
        var suspendedForFunds = await db.Services.AsNoTracking()
            .CountAsync(s => s.Status == ServiceStatus.Suspended && s.SuspensionReason == SuspensionReasons.FundsShort, cancellationToken);
        var reconciliation = await db.Schedules.AsNoTracking().Where(s => s.Key == BalanceReconciliation.ScheduleKey).Select(s => s.LastOutcome).FirstOrDefaultAsync(cancellationToken);
        return new BillingOverview(lastRun, services, await ChargedSinceAsync(today), await ChargedSinceAsync(month), negative, suspendedForFunds,
            reconciliation == ScheduleOutcomes.Failed);
    }
}
