using PuqCloud.Core.Common;

namespace PuqCloud.Core.Mail;

/// <summary>What a mail may say of a value someone else typed.</summary>
public static class MailText
{
    /// <summary>
    /// A name as one line of plain text (no line breaks or other control characters), at most 100 characters: a name
    /// with lines of its own would put whoever typed it in charge of what the mail says above its link.
    /// </summary>
    public static string OneLine(string text)
    {
        // Control characters, Unicode's line and paragraph separators, and the text-direction marks and overrides (which
        // would let a name show its words in another order); joiners stay, as names in several scripts need them.
        static bool BreaksTheLine(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u061C'
            or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
        var line = string.Join(' ', new string(text.Select(c => BreaksTheLine(c) ? ' ' : c).ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return TextCut.Cut(line, 100);
    }
}
