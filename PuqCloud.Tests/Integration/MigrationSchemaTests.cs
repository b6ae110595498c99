using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PuqCloud.Core.Persistence;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The hand-written migrations must give exactly the schema the model describes (what EnsureCreated
/// makes), on SQLite and on PostgreSQL: columns with types, nullability and defaults, keys, indexes and
/// foreign keys. A model change without its migration fails here.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Fact]
    public async Task Sqlite_migrations_give_the_model_schema()
    {
        var folder = Directory.CreateTempSubdirectory("puq-schema-");
        try
        {
            var migrated = await DescribeSqliteAsync(Path.Combine(folder.FullName, "migrated.db"), migrate: true);
            var created = await DescribeSqliteAsync(Path.Combine(folder.FullName, "created.db"), migrate: false);

            AssertSameSchema(migrated, created);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_migrations_give_the_model_schema()
    {
        var migratedDb = await TestPostgres.CreateDatabaseAsync();
        var createdDb = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var migrated = await DescribePostgresAsync(migratedDb, migrate: true);
            var created = await DescribePostgresAsync(createdDb, migrate: false);

            AssertSameSchema(migrated, created);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(migratedDb);
            await TestPostgres.DropDatabaseAsync(createdDb);
        }
    }

    private static async Task<List<string>> DescribeSqliteAsync(string file, bool migrate)
    {
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}", Path.GetDirectoryName(file)!);
        await PrepareAsync(options, migrate);
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        var lines = new List<string>();
        foreach (var table in await ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' ORDER BY name"))
        {
            lines.AddRange((await RowsAsync(connection, $"PRAGMA table_info('{table}')")).Select(r => $"{table}: column {r["name"]} {r["type"]} notnull={r["notnull"]} default={r["dflt_value"]} pk={r["pk"]}"));
            lines.AddRange((await RowsAsync(connection, $"PRAGMA foreign_key_list('{table}')")).Select(r => $"{table}: fk {r["from"]} -> {r["table"]}.{r["to"]} on delete {r["on_delete"]}"));
            foreach (var index in await RowsAsync(connection, $"PRAGMA index_list('{table}')"))
            {
                var columns = await ListAsync(connection, $"SELECT name FROM pragma_index_info('{index["name"]}') ORDER BY seqno");
                lines.Add($"{table}: index {index["name"]} unique={index["unique"]} ({string.Join(",", columns)})");
            }
        }
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> DescribePostgresAsync(string connectionString, bool migrate)
    {
        await PrepareAsync(new DatabaseOptions(DatabaseProvider.Postgres, connectionString, Path.GetTempPath()), migrate);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        const string notHistory = "<> '__EFMigrationsHistory'";
        var lines = new List<string>();
        lines.AddRange((await RowsAsync(connection, $"""
            SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable, column_default
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name {notHistory}
            """)).Select(r => $"{r["table_name"]}: column {r["column_name"]} {r["data_type"]}({r["character_maximum_length"]},{r["numeric_precision"]},{r["numeric_scale"]}) nullable={r["is_nullable"]} default={r["column_default"]}"));
        lines.AddRange((await RowsAsync(connection, $"""
            SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename {notHistory}
            """)).Select(r => $"{r["tablename"]}: index {r["indexname"]} {r["indexdef"]}"));
        lines.AddRange((await RowsAsync(connection, $"""
            SELECT c.conrelid::regclass::text AS table_name, c.conname, pg_get_constraintdef(c.oid) AS definition
            FROM pg_constraint c WHERE c.connamespace = 'public'::regnamespace AND c.conrelid::regclass::text {notHistory.Replace("'__EF", "'\"__EF").Replace("History'", "History\"'")}
            """)).Select(r => $"{r["table_name"]}: constraint {r["conname"]} {r["definition"]}"));
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static void AssertSameSchema(List<string> migrated, List<string> created)
    {
        migrated.Should().NotBeEmpty();
        migrated.Except(created).Should().BeEmpty("the migrations make these, the model does not");
        created.Except(migrated).Should().BeEmpty("the model has these, the migrations do not make them");
    }

    private static async Task PrepareAsync(DatabaseOptions options, bool migrate)
    {
        await using var db = options.CreatePlainContext();
        if (migrate) await db.Database.MigrateAsync();
        else await db.Database.EnsureCreatedAsync();
    }

    private static async Task<List<string>> ListAsync(DbConnection connection, string sql) =>
        (await RowsAsync(connection, sql)).Select(r => r.Values.First()).ToList();

    private static async Task<List<Dictionary<string, string>>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, string>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, string>();
            for (int i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            rows.Add(row);
        }
        return rows;
    }
}
