using Microsoft.Extensions.Configuration;

namespace PuqCloud.Core.Common;

/// <summary>
/// Where people reach this installation, for links in e-mails. `Site:PublicUrl` when set (recommended
/// in production: links then never depend on a request's Host header); otherwise the web host supplies
/// the address the current request came in on.
/// </summary>
public interface IPublicAddress
{
    Uri BaseUri { get; }
}

/// <summary>The configured address only (jobs and tests without a request).</summary>
public sealed class ConfiguredPublicAddress(IConfiguration configuration) : IPublicAddress
{
    public Uri BaseUri => Configured(configuration) ?? throw new InvalidOperationException("Set Site:PublicUrl: links in e-mails need the installation's public address.");

    public static Uri? Configured(IConfiguration configuration) =>
        Uri.TryCreate(configuration["Site:PublicUrl"], UriKind.Absolute, out var uri) ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/") : null;
}
