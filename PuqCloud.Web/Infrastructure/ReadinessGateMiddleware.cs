using PuqCloud.Core.Common;

namespace PuqCloud.Web.Infrastructure;

/// <summary>Answers 503 to everything but /health until the database is migrated, so that no request meets a half-made schema.</summary>
public sealed class ReadinessGateMiddleware(RequestDelegate next, AppReadiness readiness)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (readiness.DatabaseReady || context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }
        context.Response.Headers.RetryAfter = "5";
        await ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Starting", "The database is being prepared. Try again in a few seconds.");
    }
}
