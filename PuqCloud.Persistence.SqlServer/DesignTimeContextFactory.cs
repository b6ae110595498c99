using Microsoft.EntityFrameworkCore.Design;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Persistence.SqlServer;

/// <summary>
/// What `dotnet ef` uses to build the SQL Server model without starting the web host. No SQL Server runs on
/// the machines that build this product: `migrations add` and `script` never connect, so the connection
/// string is a placeholder.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public const string PlaceholderConnectionString = "Server=localhost;Database=puqcloud_design_time;Trusted_Connection=True;TrustServerCertificate=True";

    public AppDbContext CreateDbContext(string[] args) =>
        new DatabaseOptions(DatabaseProvider.SqlServer, PlaceholderConnectionString, Path.GetTempPath()).CreatePlainContext();
}
