using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Reads ledger rows as <see cref="TransactionDto"/>s, with client names and amounts in each currency's style.</summary>
public static class TransactionRules
{
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
}
