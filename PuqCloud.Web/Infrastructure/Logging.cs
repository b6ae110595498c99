using Serilog;
using Serilog.Events;

namespace PuqCloud.Web.Infrastructure;

/// <summary>Serilog to the console and to daily files under `{Storage:DataPath}/logs`; levels from the `Serilog` section.</summary>
public static class PuqLogging
{
    public static Serilog.ILogger Create(IConfiguration configuration, string dataPath)
    {
        const string template = "[{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj} {CorrelationId}{NewLine}{Exception}";
        return new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: template)
            .WriteTo.File(Path.Combine(dataPath, "logs", "puqcloud-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, outputTemplate: template)
            .CreateLogger();
    }
}
