using System.Net;

namespace PuqCloud.Core.Security;

/// <summary>
/// A staff member's allowed addresses: exact IPs and CIDR ranges (IPv4 and IPv6), one per line or
/// separated by commas. An empty list allows every address.
/// </summary>
public static class IpAllowList
{
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The entries that are neither an IP address nor a CIDR range.</summary>
    public static IReadOnlyList<string> Invalid(string? text) => Split(text).Where(e => !TryParse(e, out _)).ToList();

    /// <summary>One entry per line, as stored.</summary>
    public static string? Normalize(string? text) => Split(text) is { Count: > 0 } entries ? string.Join('\n', entries) : null;

    public static bool Allows(string? text, string? ip)
    {
        var entries = Split(text);
        if (entries.Count == 0) return true;
        if (ip is null || !IPAddress.TryParse(ip, out var address)) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return entries.Any(e => TryParse(e, out var network) && network.Contains(address));
    }

    private static bool TryParse(string entry, out IPNetwork network)
    {
        if (entry.Contains('/')) return IPNetwork.TryParse(entry, out network);
        if (IPAddress.TryParse(entry, out var single))
        {
            network = new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        network = default;
        return false;
    }
}
