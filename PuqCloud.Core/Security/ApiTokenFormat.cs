using System.Security.Cryptography;
using System.Text;

namespace PuqCloud.Core.Security;

/// <summary>Personal API tokens: "puq_" and 43 URL-safe characters; stored as a SHA-256 hash.</summary>
public static class ApiTokenFormat
{
    public const string Scheme = "puq_";

    public static string NewToken() =>
        Scheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string PrefixOf(string token) => token[..Math.Min(token.Length, Scheme.Length + 6)];
}
