using Microsoft.Extensions.Configuration;

namespace PuqCloud.Core.Common;

/// <summary>
/// Where people reach this installation, for links in e-mails: `Site:PublicUrl` and nothing else, so that no
/// request's Host header can point a password-reset link at another site. Required outside Development (the
/// console refuses to start without it).
/// </summary>
public interface IPublicAddress
{
    Uri BaseUri { get; }
}

/// <summary>The configured address.</summary>
public sealed class ConfiguredPublicAddress(IConfiguration configuration) : IPublicAddress
{
    public Uri BaseUri => Configured(configuration) ?? throw new InvalidOperationException("Set Site:PublicUrl: links in e-mails need the installation's public address.");

    public static Uri? Configured(IConfiguration configuration) =>
        Uri.TryCreate(configuration["Site:PublicUrl"], UriKind.Absolute, out var uri) ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/") : null;
}
