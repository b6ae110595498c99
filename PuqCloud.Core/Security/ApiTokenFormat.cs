using System.Security.Cryptography;
using System.Text;

namespace PuqCloud.Core.Security;

/// <summary>
/// API tokens: a scheme ("puq_" for staff, "puqc_" for client users, so neither API mistakes the other's token for its
/// own) and 43 URL-safe characters; stored as a SHA-256 hash.
/// </summary>
public static class ApiTokenFormat
{
    public const string Scheme = "puq_";
    public const string ClientScheme = "puqc_";

    public static string NewToken(string scheme = Scheme) =>
        scheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string PrefixOf(string token) => token[..Math.Min(token.Length, (token.StartsWith(ClientScheme, StringComparison.Ordinal) ? ClientScheme : Scheme).Length + 6)];
}
