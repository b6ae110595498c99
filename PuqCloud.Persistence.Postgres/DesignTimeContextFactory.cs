using Microsoft.EntityFrameworkCore.Design;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Persistence.Postgres;

/// <summary>
/// What `dotnet ef` uses to build the PostgreSQL model without starting the web host. `migrations add` and
/// `script` never connect, so the connection string is a placeholder.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new DatabaseOptions(DatabaseProvider.Postgres, "Host=localhost;Database=puqcloud_design_time;Username=postgres", Path.GetTempPath()).CreatePlainContext();
}
