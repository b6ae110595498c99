using System.Security.Claims;
using System.Text;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Monitoring;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>Builds request-log entries from a principal and a URL, with the values of sensitive query parameters masked.</summary>
public static class SessionRecords
{
    public const string Masked = "***";
    public const int MaxUrlLength = 2000;

    // Parameters whose value is a secret by name: exact names, and names that contain one of the words.
    private static readonly HashSet<string> SensitiveNames = new(StringComparer.OrdinalIgnoreCase) { "code", "key", "otp", "totp", "pin", "sig", "hash" };
    private static readonly string[] SensitiveParts = ["token", "password", "passwd", "pwd", "secret", "apikey", "api_key", "signature", "credential", "auth", "session"];

    public static bool IsSensitive(string parameter) =>
        SensitiveNames.Contains(parameter) || SensitiveParts.Any(part => parameter.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Path plus query string with the values of sensitive parameters replaced by ***. A parameter that
    /// carries a URL of its own (returnUrl=/reset?token=…) has that URL masked the same way.
    /// </summary>
    public static string MaskUrl(string pathAndQuery)
    {
        var fragmentAt = pathAndQuery.IndexOf('#');
        if (fragmentAt >= 0) pathAndQuery = pathAndQuery[..fragmentAt];
        var queryAt = pathAndQuery.IndexOf('?');
        if (queryAt < 0) return Cut(pathAndQuery);
        var builder = new StringBuilder(pathAndQuery, 0, queryAt + 1, pathAndQuery.Length);
        var first = true;
        foreach (var pair in pathAndQuery[(queryAt + 1)..].Split('&'))
        {
            if (pair.Length == 0) continue;
            if (!first) builder.Append('&');
            first = false;
            var equalsAt = pair.IndexOf('=');
            if (equalsAt < 0)
            {
                builder.Append(pair);
                continue;
            }
            var name = Uri.UnescapeDataString(pair[..equalsAt].Replace('+', ' '));
            var value = pair[(equalsAt + 1)..];
            builder.Append(pair, 0, equalsAt + 1);
            if (IsSensitive(name))
            {
                builder.Append(Masked);
                continue;
            }
            var decoded = Uri.UnescapeDataString(value.Replace('+', ' '));
            builder.Append(decoded.Contains('?') ? Uri.EscapeDataString(MaskUrl(decoded)) : value);
        }
        return Cut(builder.ToString());
    }

    private static string Cut(string url) => TextCut.Cut(url, MaxUrlLength);

    /// <summary>
    /// The entry for one request of <paramref name="kind"/> (Staff or ClientUser), or null when the principal
    /// has no identity of that kind. Name and e-mail come from that identity: one principal may carry both.
    /// </summary>
    public static RequestLogEntry? For(ClaimsPrincipal? principal, ActorKind kind, DateTime at, string? ip, string pathAndQuery, string channel, string method)
    {
        var idClaim = kind switch
        {
            ActorKind.Staff => PuqClaims.StaffId,
            ActorKind.ClientUser => PuqClaims.ClientUserId,
            _ => null,
        };
        if (idClaim is null || principal is null) return null;
        var identity = principal.Identities.FirstOrDefault(i => i.IsAuthenticated && i.HasClaim(c => c.Type == idClaim));
        if (identity is null || !Guid.TryParse(identity.FindFirst(idClaim)?.Value, out var id)) return null;
        return new RequestLogEntry
        {
            At = at,
            ActorKind = kind,
            StaffId = kind == ActorKind.Staff ? id : null,
            ClientUserId = kind == ActorKind.ClientUser ? id : null,
            Name = Limit(identity.FindFirst(PuqClaims.Name)?.Value, 200),
            Email = Limit(identity.FindFirst(PuqClaims.Email)?.Value, 254),
            Ip = Limit(ip, 45),
            Url = MaskUrl(pathAndQuery),
            Channel = channel,
            Method = Limit(method.ToUpperInvariant(), 10)!,
        };
    }

    private static string? Limit(string? text, int length) => string.IsNullOrEmpty(text) ? null : TextCut.Cut(text, length);
}
