using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// Records every HTTP request of a signed-in staff member (cookie or API token) or client user for the
/// Admin Sessions and Client Sessions pages. It only queues the entry (see <see cref="IRequestLogWriter"/>),
/// so requests do not wait for the database. Static files, the Blazor hub and /health are not recorded.
/// </summary>
public sealed class SessionRecordingMiddleware(RequestDelegate next, IRequestLogWriter writer, TimeProvider clock)
{
    private static readonly string[] IgnoredPrefixes = ["/_framework", "/_content", "/_blazor", "/health"];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identities.Any(i => i.IsAuthenticated) && ShouldRecord(context.Request.Path))
        {
            var entry = Build(context);
            if (entry is not null) writer.TryWrite(entry);
        }
        return next(context);
    }

    public static bool ShouldRecord(PathString path)
    {
        if (IgnoredPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))) return false;
        // Console pages and the API serve no files, whatever their last segment looks like.
        if (path.StartsWithSegments("/admin") || AuthSchemes.IsApi(path)) return true;
        // Elsewhere a file name in the last segment (app.css, favicon.svg, v1.json) is a static asset or document.
        var value = path.Value ?? "/";
        var last = value[(value.LastIndexOf('/') + 1)..];
        return !Path.HasExtension(last);
    }

    private Core.Domain.Monitoring.RequestLogEntry? Build(HttpContext context)
    {
        var path = context.Request.Path;
        bool api = AuthSchemes.IsApi(path);
        bool staffArea = path.StartsWithSegments(AuthSchemes.AdminApiPrefix) || path.StartsWithSegments("/admin");
        // The area's own identity first; a person signed in to the other area only is recorded as that person.
        var (first, second) = staffArea ? (ActorKind.Staff, ActorKind.ClientUser) : (ActorKind.ClientUser, ActorKind.Staff);
        var at = clock.GetUtcNow().UtcDateTime;
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var url = path.Value + context.Request.QueryString.Value;
        var channel = api ? Channels.Api : Channels.Web;
        return SessionRecords.For(context.User, first, at, ip, url, channel, context.Request.Method)
            ?? SessionRecords.For(context.User, second, at, ip, url, channel, context.Request.Method);
    }
}
