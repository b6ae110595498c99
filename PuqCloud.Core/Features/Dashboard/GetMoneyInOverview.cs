using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Dashboard;

/// <summary>
/// The "Money in" widget: what payments added to balances this calendar month (ledger payment rows, per currency), the
/// proformas still waiting for money (how many, and what is left to pay on them per currency), and how many proformas
/// that fell due this month expired unpaid. The month is the billing clock's, in UTC.
/// </summary>
public sealed record MoneyInOverview(
    IReadOnlyList<CurrencyAmount> ToppedUpThisMonth,
    int PaymentsThisMonth,
    int UnpaidProformas,
    IReadOnlyList<CurrencyAmount> UnpaidAmounts,
    int ExpiredThisMonth);

[RequiresPermission(Permissions.InvoicesView)]
public sealed record GetMoneyInOverview : IQuery<MoneyInOverview>;

public sealed class GetMoneyInOverviewHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock) : IRequestHandler<GetMoneyInOverview, MoneyInOverview>
{
    public async Task<MoneyInOverview> Handle(GetMoneyInOverview request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var nextMonth = month.AddMonths(1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var currencies = await db.Currencies.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        CurrencyAmount Amount(string code, decimal amount) =>
            new(code, amount, currencies.TryGetValue(code, out var c) ? c.FormatAmount(amount) : $"{amount:0.00} {code}");

        // Payment rows move a balance up by their amount (the payment net of tax): summed per currency by the database.
        var payments = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.Type == LedgerEntryType.Payment && e.CreatedAt >= month && e.CreatedAt < nextMonth)
            .GroupBy(e => e.CurrencyCode).Select(g => new { g.Key, Sum = g.Sum(e => e.Amount), Count = g.Count() })
            .ToListAsync(cancellationToken);

        var unpaid = await db.Documents.AsNoTracking()
            .Where(d => d.Kind == DocumentType.Proforma && d.Status == DocumentStatus.Unpaid)
            .GroupBy(d => d.CurrencyCode).Select(g => new { g.Key, Sum = g.Sum(d => d.Total - d.AmountPaid), Count = g.Count() })
            .ToListAsync(cancellationToken);

        var expired = await db.Documents.AsNoTracking()
            .CountAsync(d => d.Kind == DocumentType.Proforma && d.Status == DocumentStatus.Expired && d.DueAt >= month && d.DueAt < nextMonth, cancellationToken);

        return new MoneyInOverview(
            payments.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => Amount(x.Key, x.Sum)).ToList(),
            payments.Sum(x => x.Count),
            unpaid.Sum(x => x.Count),
            unpaid.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => Amount(x.Key, x.Sum)).ToList(),
            expired);
    }
}
