using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed only from the addresses listed in
/// `Network:KnownProxies` (comma-separated), so that sign-in throttling, IP allowlists, session records and secure
/// cookies see the real client and scheme, and nobody else can claim another address by sending the header.
/// </summary>
public static class ProxySetup
{
    public const string Setting = "Network:KnownProxies";

    public static void AddKnownProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = (configuration[Setting] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => IPAddress.TryParse(text, out var address) ? address : throw new InvalidOperationException($"{Setting}: '{text}' is not an IP address."))
            .ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // No proxy configured: no forwarded header is read at all (with empty lists the middleware would trust anyone).
            o.ForwardedHeaders = proxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: the framework's default (loopback) is cleared too.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
        });
    }
}
