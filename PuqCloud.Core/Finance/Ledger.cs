using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Finance;

/// <summary>A client's balance as last read, with the sequence number of its last ledger row.</summary>
public sealed record ClientBalance(Guid ClientId, string CurrencyCode, decimal Balance, long Sequence, decimal CreditLimit)
{
    /// <summary>What charges may still take: the balance plus the credit limit.</summary>
    public decimal Available => Balance + CreditLimit;
}

/// <summary>One movement to post: <paramref name="Amount"/> is signed (what the balance moves by), at ledger precision.</summary>
public sealed record LedgerPosting(LedgerEntryType Type, decimal Amount, string Description)
{
    public decimal? Gross { get; init; }
    public decimal Fees { get; init; }
    public Guid? ServiceId { get; init; }
    public ChargeKind? ChargeKind { get; init; }
    public DateTime? PeriodStart { get; init; }
    public DateTime? PeriodEnd { get; init; }
    public decimal? Rate { get; init; }
    public Guid? StaffAccountId { get; init; }
    public string? Reason { get; init; }
}

/// <summary>
/// The only way a balance moves. Rows are appended to the client's chain and the client's balance and sequence
/// are moved by one conditional update ("only if the sequence is still the one read"), in the caller's
/// transaction: a writer that lost the race reads again and retries, and the unique (client, sequence) index
/// refuses a row that slipped past. Call it inside an explicit transaction and save before committing.
/// </summary>
public static class Ledger
{
    private const int MaxAttempts = 50;

    public static async Task<ClientBalance> ReadAsync(AppDbContext db, Guid clientId, CancellationToken cancellationToken) =>
        await db.Clients.AsNoTracking().Where(c => c.Id == clientId)
            .Select(c => new ClientBalance(c.Id, c.Currency!.Code, c.Balance, c.LedgerSequence, c.CreditLimit))
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("The client does not exist.");

    /// <summary>The balances of many clients in one query (billing reads a batch's clients at once).</summary>
    public static async Task<Dictionary<Guid, ClientBalance>> ReadManyAsync(AppDbContext db, IReadOnlyCollection<Guid> clientIds, CancellationToken cancellationToken) =>
        await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id))
            .Select(c => new ClientBalance(c.Id, c.Currency!.Code, c.Balance, c.LedgerSequence, c.CreditLimit))
            .ToDictionaryAsync(c => c.ClientId, cancellationToken);

    /// <summary>The rows that postings make on top of <paramref name="state"/>, and the state after them. Pure.</summary>
    public static (List<LedgerEntry> Rows, ClientBalance After) Append(ClientBalance state, IEnumerable<LedgerPosting> postings, DateTime at)
    {
        var rows = new List<LedgerEntry>();
        var balance = state.Balance;
        var sequence = state.Sequence;
        foreach (var p in postings)
        {
            if (MoneyRounding.Ledger(p.Amount) != p.Amount)
                throw new InvalidOperationException($"A ledger amount has at most {MoneyRounding.LedgerDecimals} decimals: {p.Amount}.");
            var before = balance;
            balance += p.Amount;
            rows.Add(new LedgerEntry
            {
                ClientId = state.ClientId,
                Sequence = ++sequence,
                Type = p.Type,
                CurrencyCode = state.CurrencyCode,
                Amount = p.Amount,
                Net = Math.Abs(p.Amount),
                Gross = p.Gross ?? Math.Abs(p.Amount),
                Fees = p.Fees,
                BalanceBefore = before,
                BalanceAfter = balance,
                Description = p.Description,
                ServiceId = p.ServiceId,
                ChargeKind = p.ChargeKind,
                PeriodStart = p.PeriodStart,
                PeriodEnd = p.PeriodEnd,
                Rate = p.Rate,
                StaffAccountId = p.StaffAccountId,
                Reason = p.Reason,
                CreatedAt = at,
            });
        }
        return (rows, state with { Balance = balance, Sequence = sequence });
    }

    /// <summary>
    /// Moves the client from <paramref name="before"/> to <paramref name="after"/> if nobody moved it since it was
    /// read, and adds the rows to the context (saved by the caller). False when another writer came first.
    /// </summary>
    public static async Task<bool> TryMoveAsync(AppDbContext db, ClientBalance before, ClientBalance after, IReadOnlyCollection<LedgerEntry> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return true;
        if (!await TryMoveBalanceAsync(db, before, after, cancellationToken)) return false;
        db.LedgerEntries.AddRange(rows);
        return true;
    }

    /// <summary>The conditional update of one client: its balance and sequence move only from what was read.</summary>
    private static async Task<bool> TryMoveBalanceAsync(AppDbContext db, ClientBalance before, ClientBalance after, CancellationToken cancellationToken) =>
        await db.Clients
            .Where(c => c.Id == before.ClientId && c.LedgerSequence == before.Sequence)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Balance, after.Balance).SetProperty(c => c.LedgerSequence, after.Sequence), cancellationToken) == 1;

    /// <summary>Clients moved by one statement: SQL Server takes at most 2,100 parameters (four per client here).</summary>
    private const int ClientsPerStatement = 250;

    /// <summary>
    /// The conditional update for many clients at once (billing moves a batch's clients together): each client moves only
    /// from the sequence read, in one statement per <see cref="ClientsPerStatement"/> clients instead of one per client.
    /// False when any of them was moved by another writer meanwhile (the caller rolls the whole batch back).
    /// </summary>
    public static async Task<bool> TryMoveBalancesAsync(AppDbContext db, IReadOnlyList<(ClientBalance Before, ClientBalance After)> moves, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Balances move inside the transaction that writes their ledger rows.");
        var client = db.Model.FindEntityType(typeof(Client))!;
        var table = StoreObjectIdentifier.Table(client.GetTableName()!, client.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        IProperty Property(string name) => client.FindProperty(name)!;
        string Column(IProperty property) => sql.DelimitIdentifier(property.GetColumnName(table)!);
        var (id, balance, sequence) = (Property(nameof(Client.Id)), Property(nameof(Client.Balance)), Property(nameof(Client.LedgerSequence)));

        for (var offset = 0; offset < moves.Count; offset += ClientsPerStatement)
        {
            var chunk = moves.Skip(offset).Take(ClientsPerStatement).ToList();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            string Parameter(IProperty property, string name, object value)
            {
                command.Parameters.Add(((RelationalTypeMapping)property.GetRelationalTypeMapping()).CreateParameter(command, name, value, nullable: false));
                return name;
            }
            var balances = new StringBuilder();
            var sequences = new StringBuilder();
            var where = new List<string>();
            for (var i = 0; i < chunk.Count; i++)
            {
                var (before, after) = chunk[i];
                var idName = Parameter(id, $"@c{i}", before.ClientId);
                balances.Append($" WHEN {idName} THEN {Parameter(balance, $"@b{i}", after.Balance)}");
                sequences.Append($" WHEN {idName} THEN {Parameter(sequence, $"@s{i}", after.Sequence)}");
                where.Add($"({Column(id)} = {idName} AND {Column(sequence)} = {Parameter(sequence, $"@r{i}", before.Sequence)})");
            }
            command.CommandText = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET " +
                                  $"{Column(balance)} = CASE {Column(id)}{balances} END, {Column(sequence)} = CASE {Column(id)}{sequences} END " +
                                  $"WHERE {string.Join(" OR ", where)}";
            if (await command.ExecuteNonQueryAsync(cancellationToken) != chunk.Count) return false;
        }
        return true;
    }

    /// <summary>
    /// Posts to one client, reading its balance afresh until the conditional update wins. <paramref name="decide"/>
    /// sees the balance as read and returns the postings (or none, e.g. when funds are short), so a decision is
    /// always made on the balance it is applied to.
    /// </summary>
    public static async Task<IReadOnlyList<LedgerEntry>> PostAsync(AppDbContext db, Guid clientId, Func<ClientBalance, IReadOnlyList<LedgerPosting>> decide,
        DateTime at, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Ledger postings run inside the transaction that saves them.");
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var state = await ReadAsync(db, clientId, cancellationToken);
            var (rows, after) = Append(state, decide(state), at);
            if (await TryMoveAsync(db, state, after, rows, cancellationToken)) return rows;
            await Task.Delay(Random.Shared.Next(1, 5 + attempt * 2), cancellationToken);
        }
        throw new RuleViolationException("The client's balance is too busy right now. Try again.");
    }

    public static Task<IReadOnlyList<LedgerEntry>> PostAsync(AppDbContext db, Guid clientId, LedgerPosting posting, DateTime at, CancellationToken cancellationToken) =>
        PostAsync(db, clientId, _ => [posting], at, cancellationToken);
}
