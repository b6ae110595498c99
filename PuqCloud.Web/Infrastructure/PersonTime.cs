using System.Globalization;
using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// The time zone of the person on this circuit (their own choice, UTC until they pick one): pages show every
/// instant through it, with the zone's abbreviation, while the database and the API stay in UTC. The layouts load
/// it once when the circuit starts, before they render a page.
/// </summary>
public sealed class PersonTime
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public void Use(string? timeZoneId) => Zone = TimeZones.Find(timeZoneId);

    /// <summary>A UTC instant in the person's zone, to the second: "2026-12-05 15:04:05 CET".</summary>
    public string Format(DateTime utc) => $"{Local(utc):yyyy-MM-dd HH:mm:ss} {Abbreviation(utc)}";

    /// <summary>To the minute, for lists where seconds are noise.</summary>
    public string FormatMinutes(DateTime utc) => $"{Local(utc):yyyy-MM-dd HH:mm} {Abbreviation(utc)}";

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>"UTC", or the offset at that instant ("UTC+01:00"): exact, and the same in every language.</summary>
    public string Abbreviation(DateTime utc)
    {
        if (Zone == TimeZoneInfo.Utc) return "UTC";
        var offset = Zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return offset == TimeSpan.Zero ? "UTC" : "UTC" + (offset < TimeSpan.Zero ? "−" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }
}
