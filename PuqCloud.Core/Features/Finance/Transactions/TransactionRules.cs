using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Reads ledger rows as <see cref="TransactionDto"/>s, with client names and amounts in each currency's style.</summary>
public static class TransactionRules
{
    /// <summary>The sorts a list of ledger rows takes: createdAt, or -createdAt (newest first, the default).</summary>
    public static IRuleBuilderOptions<T, string?> TransactionSort<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(s => string.IsNullOrWhiteSpace(s) || s is "createdAt" or "-createdAt")
            .WithName("Sort").WithMessage("Sort by createdAt (a '-' before it sorts newest first, the default).");

    public static async Task<IReadOnlyList<TransactionDto>> ReadAsync(AppDbContext db, IQueryable<LedgerEntry> rows, CancellationToken cancellationToken)
    {
        var items = await rows.AsNoTracking()
            .Select(e => new
            {
                Entry = e,
                Client = db.Clients.Where(c => c.Id == e.ClientId).Select(c => new { c.FirstName, c.LastName, c.CompanyName }).First(),
            })
            .ToListAsync(cancellationToken);
        var codes = items.Select(r => r.Entry.CurrencyCode).Distinct().ToList();
        var currencies = await db.Currencies.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, cancellationToken);
        return items.Select(r =>
        {
            var e = r.Entry;
            var currency = currencies.GetValueOrDefault(e.CurrencyCode);
            // Ledger amounts keep 4 decimals; they are shown with all of them so that hourly charges add up on screen.
            string Format(decimal amount) => currency is null ? $"{amount:0.0000} {e.CurrencyCode}" : currency.FormatAmount(amount, MoneyRounding.LedgerDecimals);
            return new TransactionDto(e.Id, e.ClientId,
                Client.NameOf(r.Client.FirstName, r.Client.LastName, r.Client.CompanyName),
                e.Sequence, e.Type, e.ChargeKind, e.CurrencyCode, e.Amount, e.Gross, e.Net, e.Fees, e.BalanceBefore, e.BalanceAfter,
                (e.Amount < 0 ? "−" : "+") + Format(Math.Abs(e.Amount)), (e.BalanceAfter < 0 ? "−" : "") + Format(Math.Abs(e.BalanceAfter)),
                e.Description, e.ServiceId, e.PeriodStart, e.PeriodEnd, e.Rate, e.Reason, e.CreatedAt);
        }).ToList();
    }

    /// <summary>A page of ledger rows (all, a client's, a service's, of one type), as <see cref="ListTransactions"/> describes; the client area's list shares it.</summary>
    public static async Task<PagedResult<TransactionDto>> PageAsync(AppDbContext db, PageRequest page, Guid? clientId, Guid? serviceId, LedgerEntryType? type,
        CancellationToken cancellationToken)
    {
        var query = db.LedgerEntries.AsNoTracking();
        long? chainLength = null;
        if (clientId is { } client)
        {
            chainLength = await db.Clients.Where(c => c.Id == client).Select(c => (long?)c.LedgerSequence).FirstOrDefaultAsync(cancellationToken)
                          ?? throw new NotFoundException("The client does not exist.");
            query = query.Where(e => e.ClientId == client);
        }
        if (serviceId is { } service) query = query.Where(e => e.ServiceId == service);
        if (type is { } kind) query = query.Where(e => e.Type == kind);
        if (page.SearchText is { } search)
        {
            var p = PagingExtensions.LikePattern(search);
            query = query.Where(e => EF.Functions.Like(e.Description.ToLower(), p, "\\"));
        }
        // Unfiltered, the number of rows is known without counting them: each client's rows are numbered 1, 2, 3… with no
        // gap (a unique (client, sequence) key, the sequence moved with the rows, reconciliation checks it), so a client
        // has as many rows as its last sequence and the ledger the sum of them. COUNT(*) over a million rows took longer
        // than the page itself on PostgreSQL.
        var oldestFirst = page.Sort == "createdAt";
        // One client's rows follow its ledger's sequence (index ClientId, Sequence); all rows their time (index CreatedAt, Id).
        var ordered = clientId is not null
            ? (oldestFirst ? query.OrderBy(e => e.Sequence) : query.OrderByDescending(e => e.Sequence))
            : (oldestFirst ? query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id) : query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id));
        var total = serviceId is null && type is null && page.SearchText is null
            ? (int)Math.Min(int.MaxValue, chainLength ?? await db.Clients.SumAsync(c => c.LedgerSequence, cancellationToken))
            : await query.CountAsync(cancellationToken);
        var items = await TransactionRules.ReadAsync(db,
            ordered.Skip(page.Offset).Take(page.SafePageSize), cancellationToken);
        return new PagedResult<TransactionDto>(items, total, page.SafePage, page.SafePageSize);
    }
}
