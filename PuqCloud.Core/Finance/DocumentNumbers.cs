using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Finance;

/// <summary>
/// Takes document numbers for billing. The counter moves by a conditional update (only if it still stands
/// where it was read), so that two takers on any number of nodes never get the same number; the loser reads
/// again and retries. Call it with the context of the transaction that saves the document: a rollback gives
/// the number back. Inside a transaction the taker first locks the counter's row (an update that changes
/// nothing), so that many takers at once queue on the lock and read the counter after the one before them
/// committed, instead of all retrying against one another.
/// </summary>
public static class DocumentNumbers
{
    private const int MaxAttempts = 50;

    public static async Task<string> TakeNextAsync(AppDbContext db, Guid homeCompanyId, DocumentType type, DateTime at, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
            await db.DocumentNumberSeries.Where(s => s.HomeCompanyId == homeCompanyId && s.DocumentType == type)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextNumber, x => x.NextNumber), cancellationToken);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var series = await db.DocumentNumberSeries.AsNoTracking()
                .FirstOrDefaultAsync(s => s.HomeCompanyId == homeCompanyId && s.DocumentType == type, cancellationToken)
                ?? throw new NotFoundException("The home company has no numbering for this document type.");
            var (number, next) = DocumentNumbering.Next(series.Format, series.ResetPolicy, series.State, at);
            var (oldNumber, oldPeriod) = (series.NextNumber, series.Period);
            var moved = await db.DocumentNumberSeries
                .Where(s => s.Id == series.Id && s.NextNumber == oldNumber && (s.Period == oldPeriod || (s.Period == null && oldPeriod == null)))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextNumber, next.NextNumber).SetProperty(x => x.Period, next.Period), cancellationToken);
            if (moved == 1) return number;
            await Task.Delay(Random.Shared.Next(1, 5 + attempt * 2), cancellationToken);
        }
        throw new RuleViolationException("The document counter is too busy right now. Try again.");
    }
}
