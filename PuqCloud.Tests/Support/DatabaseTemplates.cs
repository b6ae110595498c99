using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Tests.Support;

/// <summary>
/// A database on which this build's migrations and reference data (countries, regions, USD) are already applied, made
/// once and copied for each test app: migrating and seeding cost about a second of CPU per app, and the suite starts
/// some two hundred apps. The app's own start-up still runs (it finds nothing to migrate or seed); migrating an empty
/// database is what <see cref="PuqAppFactory.StartAsync"/> does with <c>emptyDatabase: true</c> and what MigrationTests check.
/// </summary>
/// <remarks>A template is named after the build of the code that fills it, so a new build makes a new one and an old one is never reused.</remarks>
public static class DatabaseTemplates
{
    private static readonly Lazy<Task<string>> SqliteTemplate = new(CreateSqliteAsync);
    private static readonly Lazy<Task<string>> PostgresTemplate = new(CreatePostgresAsync);

    /// <summary>The path of the migrated SQLite file, to be copied into an app's data folder as its database.</summary>
    public static Task<string> SqliteAsync() => SqliteTemplate.Value;

    /// <summary>The name of the migrated PostgreSQL database, for CREATE DATABASE … TEMPLATE.</summary>
    public static Task<string> PostgresAsync() => PostgresTemplate.Value;

    private static string BuildOf(DatabaseProvider provider)
    {
        var migrations = Assembly.Load(DatabaseOptions.MigrationsAssemblyOf(provider));
        var core = typeof(ReferenceData).Assembly;
        return (migrations.ManifestModule.ModuleVersionId.ToString("N")[..8] + core.ManifestModule.ModuleVersionId.ToString("N")[..8]).ToLowerInvariant();
    }

    private static async Task FillAsync(DatabaseOptions database)
    {
        await using var db = database.CreatePlainContext();
        await db.Database.MigrateAsync();
        await ReferenceData.SeedAsync(db, TimeProvider.System, CancellationToken.None);
    }

    private static async Task<string> CreateSqliteAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "puqcloud-tests")).FullName;
        var path = Path.Combine(folder, $"template-{BuildOf(DatabaseProvider.Sqlite)}.db");
        if (File.Exists(path)) return path;
        // Templates of earlier builds go (a run that is still copying one keeps its open file: Linux unlinks it afterwards).
        foreach (var old in Directory.EnumerateFiles(folder, "template-*.db"))
        {
            try { File.Delete(old); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        // Filled under a name of its own and moved into place when complete: a run that stops halfway leaves no half-made template.
        var filling = Path.Combine(folder, $"template-{Guid.NewGuid():N}.filling");
        await FillAsync(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={filling};Pooling=False", folder));
        try { File.Move(filling, path); }
        catch (IOException) when (File.Exists(path)) { File.Delete(filling); }
        return path;
    }

    private static async Task<string> CreatePostgresAsync()
    {
        var name = $"puq_tpl_{BuildOf(DatabaseProvider.Postgres)}";
        await using var server = new NpgsqlConnection(TestPostgres.ServerConnectionString);
        await server.OpenAsync();
        var existing = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'puq\\_tpl\\_%'", server))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) existing.Add(reader.GetString(0));
        if (existing.Contains(name)) return name;

        // Templates of earlier builds go (one that another run still copies from stays: dropping it fails, and that is fine).
        foreach (var old in existing)
        {
            try { await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{old}\""); }
            catch (PostgresException) { }
        }

        // Filled as an ordinary test database, then renamed: a run that stops halfway leaves no half-made template.
        var filling = await TestPostgres.CreateDatabaseAsync();
        await FillAsync(new DatabaseOptions(DatabaseProvider.Postgres, filling, Path.GetTempPath()));
        // A database is renamed only without sessions: the pooled ones of the filling go.
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExecuteAsync(server, $"ALTER DATABASE \"{new NpgsqlConnectionStringBuilder(filling).Database}\" RENAME TO \"{name}\"");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another test run of the same build made it first.
            await TestPostgres.DropDatabaseAsync(filling);
        }
        return name;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
