using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace PuqCloud.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database the product runs on: `Database:Provider` (Sqlite by default, or Postgres) and
/// `ConnectionStrings:Default` (for Postgres; for SQLite it defaults to a file under `Storage:DataPath`).
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, string DataPath)
{
    public const string SqliteFileName = "puqcloud.db";

    public static DatabaseOptions FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var dataPath = configuration["Storage:DataPath"];
        dataPath = string.IsNullOrWhiteSpace(dataPath) ? Path.Combine(contentRoot, "App_Data") : Path.GetFullPath(dataPath, contentRoot);
        Directory.CreateDirectory(dataPath);

        var providerText = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerText) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var parsed) ? parsed
            : throw new InvalidOperationException($"Database:Provider '{providerText}' is not known: use Sqlite or Postgres.");

        var connectionString = configuration.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Database:Provider is Postgres, so ConnectionStrings:Default must be set.");
        if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
            connectionString = $"Data Source={Path.Combine(dataPath, SqliteFileName)};Cache=Shared;Pooling=True";

        return new DatabaseOptions(provider, connectionString!, dataPath);
    }

    /// <summary>A context without interceptors, for infrastructure that runs outside any request scope.</summary>
    public AppDbContext CreatePlainContext()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        Apply(builder);
        return new AppDbContext(builder.Options);
    }

    public void Apply(DbContextOptionsBuilder builder)
    {
        switch (Provider)
        {
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(ConnectionString);
                break;
            default:
                builder.UseSqlite(ConnectionString);
                break;
        }
    }
}
