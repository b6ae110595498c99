using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Finance;

/// <summary>
/// Writes many ledger rows at once for billing, in the caller's transaction, without a tracked entity per row. The
/// columns and the way each value is bound come from the EF model (its column names and type mappings, value converters
/// included), so the rows are stored exactly as EF would store them. SQLite gets one prepared single-row INSERT run per
/// row (the fastest there); the server databases get multi-row INSERTs of <see cref="RowsPerStatement"/> rows.
/// </summary>
public static class LedgerWriter
{
    public const int RowsPerStatement = 90;

    public static async Task InsertAsync(AppDbContext db, IReadOnlyList<LedgerEntry> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Ledger rows are written inside the transaction that moves the balances.");
        var entity = db.Model.FindEntityType(typeof(LedgerEntry))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Column: sql.DelimitIdentifier(p.GetColumnName(table)!), Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToList();
        var into = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => c.Column))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        var perStatement = sqlite ? 1 : RowsPerStatement;

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        for (var offset = 0; offset < rows.Count; offset += perStatement)
        {
            var chunk = Math.Min(perStatement, rows.Count - offset);
            var text = into + string.Join(", ", Enumerable.Range(0, chunk).Select(r => "(" + string.Join(", ", columns.Select((_, c) => $"@p{r}_{c}")) + ")"));
            if (command.CommandText != text) command.CommandText = text;
            command.Parameters.Clear();
            for (var r = 0; r < chunk; r++)
            {
                var row = rows[offset + r];
                for (var c = 0; c < columns.Count; c++)
                {
                    var (property, _, mapping) = columns[c];
                    command.Parameters.Add(mapping.CreateParameter(command, $"@p{r}_{c}", property.GetGetter().GetClrValue(row), property.IsNullable));
                }
            }
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException e)
            {
                // As EF reports a refused save (a unique index: another billing run charged the period first), so that
                // callers handle both writes the same way.
                throw new DbUpdateException("A ledger row was refused by the database.", e);
            }
        }
    }
}
