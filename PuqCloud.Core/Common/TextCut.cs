using System.Diagnostics.CodeAnalysis;

namespace PuqCloud.Core.Common;

/// <summary>Text shortened to what a column or a line keeps.</summary>
public static class TextCut
{
    /// <summary>
    /// At most <paramref name="length"/> UTF-16 units, never half a character: a lone half of an emoji cannot be encoded,
    /// and PostgreSQL's driver refuses the whole write.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Cut(string? text, int length)
    {
        if (text is null || text.Length <= length) return text;
        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }
}
