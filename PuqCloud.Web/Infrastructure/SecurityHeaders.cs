namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// Headers every answer carries, pages and API alike: no content-type sniffing, no address sent to other sites, no
/// framing by another site (clickjacking), and a Content-Security-Policy that lets only this site's own scripts run.
/// HSTS is added by the host outside Development.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>
    /// Scripts only from this origin, never inline or eval'd (Blazor, MudBlazor and the API docs page all load files),
    /// except the page's import map, which carries this answer's nonce;
    /// inline styles stay allowed because MudBlazor positions popovers with style attributes and the code editor
    /// (Monaco) injects its own; workers from this origin or blob: (Monaco's language workers); the circuit's
    /// WebSocket is same-origin; no plugins, no foreign base URL, forms post here only, no framing.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly object NonceKey = new();

    /// <summary>This answer's script nonce (a fresh random one per request): the import map of App.razor carries it.</summary>
    public static string NonceOf(HttpContext context)
    {
        if (context.Items.TryGetValue(NonceKey, out var existing) && existing is string nonce) return nonce;
        // Hex: nothing in it that HTML would escape.
        nonce = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            // Replaces Blazor's own frame-ancestors-only header: this policy says the same and more.
            headers.ContentSecurityPolicy = ContentSecurityPolicy(NonceOf(context));
            return Task.CompletedTask;
        });
        return next(context);
    }
}
