using PuqCloud.Core;
using Serilog;
using Serilog.Events;
using Serilog.Sinks.MSSqlServer;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// Serilog to the console and to daily files under `{Storage:DataPath}/logs`; levels from the `Serilog` section.
/// On SQL Server the log also goes to the table `Logs` of the product's database (created by the sink when missing).
/// </summary>
public static class PuqLogging
{
    public const string SqlServerLogTable = "Logs";

    public static Serilog.ILogger Create(IConfiguration configuration, LogStorage storage)
    {
        const string template = "[{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj} {CorrelationId}{NewLine}{Exception}";
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: template)
            .WriteTo.File(Path.Combine(storage.DataPath, "logs", "puqcloud-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, outputTemplate: template);
        if (storage.SqlServerConnectionString is { } sqlServer)
        {
            logger.WriteTo.MSSqlServer(sqlServer, new MSSqlServerSinkOptions
            {
                TableName = SqlServerLogTable,
                AutoCreateSqlTable = true,
            });
        }
        return logger.CreateLogger();
    }
}
