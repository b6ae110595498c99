using System.Globalization;

namespace PuqCloud.Web.Components.Shared;

/// <summary>
/// An instant in UTC, to the second, the same in every language: for machine-facing text only (titles of
/// exported rows, file names). Pages show times in the person's zone through <see cref="Infrastructure.PersonTime"/>.
/// </summary>
public static class Utc
{
    public static string Format(DateTime instant) => instant.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
