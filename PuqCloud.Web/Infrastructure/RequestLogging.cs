using System.Diagnostics;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// One log line per HTTP request (method, path, status, time) inside a scope that carries the
/// correlation id: taken from X-Correlation-Id when the caller sends one, otherwise the trace id; echoed back.
/// Query strings are not logged: they may carry tokens.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        string correlationId = context.Request.Headers[Header] is { Count: > 0 } given && given.ToString().Length <= 100
            ? given.ToString()
            : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.TraceIdentifier = correlationId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = correlationId;
            return Task.CompletedTask;
        });
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId });
        var watch = Stopwatch.StartNew();
        try
        {
            await next(context);
        }
        finally
        {
            var level = context.Response.StatusCode >= 500 ? LogLevel.Error : LogLevel.Information;
            logger.Log(level, "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, watch.Elapsed.TotalMilliseconds);
        }
    }
}
