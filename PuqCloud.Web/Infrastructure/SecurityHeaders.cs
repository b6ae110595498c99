namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// Headers every answer carries, pages and API alike: no content-type sniffing, no address sent to other sites, and
/// no framing of the console by another site (clickjacking). HSTS is added by the host outside Development.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
