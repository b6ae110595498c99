using System.Globalization;

namespace PuqCloud.Web.Components.Shared;

/// <summary>How the console writes instants: UTC, to the second, the same in every language.</summary>
public static class Utc
{
    public static string Format(DateTime instant) => instant.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
