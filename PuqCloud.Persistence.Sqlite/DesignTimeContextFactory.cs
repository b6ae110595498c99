using Microsoft.EntityFrameworkCore.Design;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Persistence.Sqlite;

/// <summary>
/// What `dotnet ef` uses to build the SQLite model without starting the web host. The connection string
/// only names a file: `migrations add` and `script` never open it.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=design-time.db", Path.GetTempPath()).CreatePlainContext();
}
