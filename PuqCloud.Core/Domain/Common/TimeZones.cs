namespace PuqCloud.Core.Domain.Common;

/// <summary>
/// The time zones people may pick: IANA ids that this machine's time-zone database knows. Instants are stored
/// and sent by the API in UTC; only pages convert them, to the zone of the person reading.
/// </summary>
public static class TimeZones
{
    public const string Utc = "UTC";
    public const int MaxLength = 64;

    /// <summary>Every IANA zone id known here, sorted, with UTC first.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Utc, .. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId && z.Id != Utc && z.Id.Contains('/')).Select(z => z.Id).Order(StringComparer.Ordinal)];

    public static bool IsKnown(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= MaxLength && (id == Utc || TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId);

    /// <summary>The zone for an id, UTC for an unknown one (a zone removed from the database later must not break a page).</summary>
    public static TimeZoneInfo Find(string? id) =>
        id is not null && id != Utc && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
