namespace PuqCloud.Core.Common;

/// <summary>
/// The languages the product speaks: of the console, of the client area, and of translatable catalog texts
/// (product names, descriptions…). The first is the default and the fallback of every translation.
/// </summary>
public static class Languages
{
    public const string Default = "en";

    public static IReadOnlyList<string> All { get; } = [Default, "pl"];

    public static bool IsSupported(string? code) => code is not null && All.Contains(code);

    /// <summary>The language of the person being served (the request's or circuit's UI culture).</summary>
    public static string Current => global::System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
