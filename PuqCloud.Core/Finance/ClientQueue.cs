using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Finance;

/// <summary>
/// Writers that decide on what a client already has queue on the client's row: a change of its currency (allowed only
/// while nothing of the client is in it) and whatever can make the first thing that is (an order, an add-funds proforma,
/// a balance adjustment), and add-funds requests, whose limit counts the unpaid proformas. Each takes the row with an
/// update that changes nothing, first in its transaction, and so decides on what the one before it committed: a read
/// alone would not wait (PostgreSQL reads what was committed when the statement began).
/// </summary>
public static class ClientQueue
{
    public static async Task JoinAsync(AppDbContext db, Guid clientId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The client's row is taken inside the transaction that writes what was decided under it.");
        await db.Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LedgerSequence, c => c.LedgerSequence), cancellationToken);
    }
}
