using PuqCloud.Core.Common;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// `Site:PublicUrl` at start-up: e-mail links are built from it alone. Outside Development the console does not
/// start without it, and unless `AllowedHosts` names hosts itself, it answers requests for that host (and loopback) only.
/// </summary>
public static class PublicSite
{
    public const string MissingMessage =
        "Set Site:PublicUrl to the address people reach this console at (for example https://billing.example.com): " +
        "outside Development every e-mail link is built from it, and requests for other hosts are refused.";

    public static void Configure(WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()) return;
        var url = ConfiguredPublicAddress.Configured(builder.Configuration) ?? throw new InvalidOperationException(MissingMessage);
        // Loopback stays allowed for health checks on the machine itself (links never follow a Host header anyway).
        if (builder.Configuration["AllowedHosts"] is null or "" or "*")
            builder.Configuration["AllowedHosts"] = $"{url.Host};localhost;127.0.0.1;[::1]";
    }
}
