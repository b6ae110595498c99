using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Finance;

/// <summary>
/// Writes many ledger rows at once for billing, in the caller's transaction, without a tracked entity per row. The
/// columns and the way each value is bound come from the EF model (its column names and type mappings, value converters
/// included), so the rows are stored exactly as EF would store them. SQLite gets one prepared single-row INSERT run per
/// row (the fastest there), PostgreSQL one binary COPY, SQL Server multi-row INSERTs of <see cref="RowsPerStatement"/>
/// rows. The parameters are made once per statement shape and only their values change from row to row.
/// </summary>
public static class LedgerWriter
{
    public const int RowsPerStatement = 90;

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping);

    /// <summary>The table and its columns as the model maps them, read once per model (each provider has its own).</summary>
    private sealed record Table(string Name, string Into, IReadOnlyList<Column> Columns);

    private static readonly ConditionalWeakTable<IModel, Table> Tables = new();

    public static async Task InsertAsync(AppDbContext db, IReadOnlyList<LedgerEntry> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Ledger rows are written inside the transaction that moves the balances.");
        var table = Tables.GetValue(db.Model, _ => Describe(db));
        if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
        {
            await CopyAsync(postgres, table, rows, cancellationToken);
            return;
        }
        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        var perStatement = sqlite ? 1 : RowsPerStatement;
        var connection = db.Database.GetDbConnection();

        DbCommand? command = null;
        try
        {
            for (var offset = 0; offset < rows.Count; offset += perStatement)
            {
                var chunk = Math.Min(perStatement, rows.Count - offset);
                if (command is null || command.Parameters.Count != chunk * table.Columns.Count)
                {
                    if (command is not null) await command.DisposeAsync();
                    command = Prepare(connection, transaction, table, chunk);
                    await command.PrepareAsync(cancellationToken);
                }
                for (var r = 0; r < chunk; r++)
                {
                    var row = rows[offset + r];
                    for (var c = 0; c < table.Columns.Count; c++)
                    {
                        var column = table.Columns[c];
                        var value = column.Property.GetGetter().GetClrValue(row);
                        if (value is not null && column.Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                        command.Parameters[r * table.Columns.Count + c].Value = value ?? DBNull.Value;
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
        finally
        {
            if (command is not null) await command.DisposeAsync();
        }
    }

    /// <summary>
    /// PostgreSQL: one binary COPY of every row, its fastest way in (a multi-row INSERT spends most of its time binding
    /// thousands of parameters). Each value is the provider value EF would store, written as the column's type; a row the
    /// database refuses fails the whole COPY, and the caller's transaction with it.
    /// </summary>
    private static async Task CopyAsync(NpgsqlConnection connection, Table table, IReadOnlyList<LedgerEntry> rows, CancellationToken cancellationToken)
    {
        try
        {
            await using var importer = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in table.Columns)
                {
                    var value = column.Property.GetGetter().GetClrValue(row);
                    if (value is not null && column.Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                    // Written synchronously into the importer's buffer (it sends a full buffer as it goes): awaiting each of
                    // a batch's tens of thousands of values cost more than the COPY itself.
                    if (value is null) importer.WriteNull();
                    else importer.Write(value, column.Mapping.StoreTypeNameBase);
                }
            }
            await importer.CompleteAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw new DbUpdateException("A ledger row was refused by the database.", e);
        }
    }

    private static Table Describe(AppDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(LedgerEntry))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Select(p => new Column(p, sql.DelimitIdentifier(p.GetColumnName(table)!), (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToList();
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        return new Table(name, $"INSERT INTO {name} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ", columns);
    }

    /// <summary>
    /// A statement of <paramref name="rows"/> rows with its parameters configured by the columns' type mappings (type and
    /// declared size; a null value configures a string parameter at the column's size, which no ledger value exceeds).
    /// </summary>
    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, Table table, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = table.Into + string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", table.Columns.Select((_, c) => $"@p{r}_{c}")) + ")"));
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < table.Columns.Count; c++)
                command.Parameters.Add(table.Columns[c].Mapping.CreateParameter(command, $"@p{r}_{c}", null, table.Columns[c].Property.IsNullable));
        return command;
    }
}
