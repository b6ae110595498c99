using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using PuqCloud.Core.Persistence;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Each provider's generated migrations, applied to an empty database, give the model: no pending model
/// change, no pending migration, and exactly the schema EnsureCreated makes (columns with types, nullability
/// and defaults, keys, indexes with their filters, foreign keys). A model change without its migration fails
/// here. The upgrade tests fill the database at its first migration and then migrate to the newest.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task Sqlite_migrations_reach_the_model_on_an_empty_database()
    {
        var folder = Directory.CreateTempSubdirectory("puq-schema-");
        try
        {
            var migratedFile = Path.Combine(folder.FullName, "migrated.db");
            var migrated = await DescribeSqliteAsync(migratedFile, migrate: true);
            var created = await DescribeSqliteAsync(Path.Combine(folder.FullName, "created.db"), migrate: false);

            AssertSameSchema(migrated, created);
            await AssertUpToDateAsync(SqliteOptions(migratedFile));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_migrations_reach_the_model_on_an_empty_database()
    {
        var migratedDb = await TestPostgres.CreateDatabaseAsync();
        var createdDb = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var migrated = await DescribePostgresAsync(migratedDb, migrate: true);
            var created = await DescribePostgresAsync(createdDb, migrate: false);

            AssertSameSchema(migrated, created);
            await AssertUpToDateAsync(PostgresOptions(migratedDb));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(migratedDb);
            await TestPostgres.DropDatabaseAsync(createdDb);
        }
    }

    [Fact]
    public async Task Sqlite_database_with_rows_of_the_first_migration_migrates_to_the_newest()
    {
        var folder = Directory.CreateTempSubdirectory("puq-upgrade-");
        try
        {
            await RowsSurviveUpgradeAsync(SqliteOptions(Path.Combine(folder.FullName, "upgrade.db")));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_database_with_rows_of_the_first_migration_migrates_to_the_newest()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await RowsSurviveUpgradeAsync(PostgresOptions(database));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public void Each_provider_loads_its_own_migrations()
    {
        foreach (var (options, assembly) in new[]
        {
            (SqliteOptions(Path.Combine(Path.GetTempPath(), "never-opened.db")), DatabaseOptions.SqliteMigrationsAssembly),
            (PostgresOptions("Host=127.0.0.1;Database=never_opened"), DatabaseOptions.PostgresMigrationsAssembly),
            (new DatabaseOptions(DatabaseProvider.SqlServer, "Server=127.0.0.1,1;Database=never_opened", Path.GetTempPath()), DatabaseOptions.SqlServerMigrationsAssembly),
        })
        {
            using var db = options.CreatePlainContext();
            var migrations = db.GetService<IMigrationsAssembly>();
            migrations.Assembly.GetName().Name.Should().Be(assembly);
            migrations.Migrations.Should().NotBeEmpty($"{assembly} holds the migrations of {options.Provider}");
            migrations.ModelSnapshot.Should().NotBeNull($"{assembly} holds the model snapshot of {options.Provider}");
        }
    }

    private static DatabaseOptions SqliteOptions(string file) => new(DatabaseProvider.Sqlite, $"Data Source={file}", Path.GetDirectoryName(file)!);

    private static DatabaseOptions PostgresOptions(string connectionString) => new(DatabaseProvider.Postgres, connectionString, Path.GetTempPath());

    private static async Task AssertUpToDateAsync(DatabaseOptions options)
    {
        await using var db = options.CreatePlainContext();
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
        db.Database.HasPendingModelChanges().Should().BeFalse($"the {options.Provider} migrations must describe the model: run scripts/add-migration.sh NAME");
    }

    /// <summary>
    /// Migrates to the first migration, writes rows with raw SQL into core tables as that schema takes them,
    /// then migrates to the newest and reads them back through the model. While the baseline is the only
    /// migration the second step applies nothing; each later migration is then checked against real rows.
    /// </summary>
    private static async Task RowsSurviveUpgradeAsync(DatabaseOptions options)
    {
        var currencyId = Guid.CreateVersion7();
        var at = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        await using (var db = options.CreatePlainContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            migrations.Should().NotBeEmpty();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[0]);
            (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(migrations[0]);

            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"Countries\" (\"Code\", \"Code3\", \"Numeric\", \"Name\") VALUES ({0}, {1}, {2}, {3})", "ZZ", "ZZZ", "999", "Testland");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"Currencies\" (\"Id\", \"Code\", \"Prefix\", \"ExchangeRate\", \"Decimals\", \"Format\", \"IsDefault\", \"CreatedAt\", \"UpdatedAt\") " +
                "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8})", currencyId, "XTS", "T$", 1.2345m, 3, "CommaDot", true, at, at);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"Settings\" (\"Key\", \"Value\", \"UpdatedAt\") VALUES ({0}, {1}, {2})", "tests.upgrade", "kept", at);

            await migrator.MigrateAsync();
        }

        await AssertUpToDateAsync(options);
        await using (var db = options.CreatePlainContext())
        {
            var country = await db.Countries.SingleAsync(c => c.Code == "ZZ");
            country.Name.Should().Be("Testland");
            var currency = await db.Currencies.SingleAsync(c => c.Id == currencyId);
            currency.Code.Should().Be("XTS");
            currency.ExchangeRate.Should().Be(1.2345m);
            currency.Decimals.Should().Be(3);
            currency.IsDefault.Should().BeTrue();
            currency.CreatedAt.Should().Be(at);
            currency.CreatedAt.Kind.Should().Be(DateTimeKind.Utc);
            (await db.Settings.SingleAsync(s => s.Key == "tests.upgrade")).Value.Should().Be("kept");
        }
    }

    private static async Task<List<string>> DescribeSqliteAsync(string file, bool migrate)
    {
        await PrepareAsync(SqliteOptions(file), migrate);
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
                var definition = await ListAsync(connection, $"SELECT coalesce(sql, '') FROM sqlite_master WHERE type = 'index' AND name = '{index["name"]}'");
                lines.Add($"{table}: index {index["name"]} unique={index["unique"]} partial={index["partial"]} ({string.Join(",", columns)}) {definition.SingleOrDefault()}");
            }
        }
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> DescribePostgresAsync(string connectionString, bool migrate)
    {
        await PrepareAsync(PostgresOptions(connectionString), migrate);
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
