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
        var line = string.Join(' ', new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 100 ? line : line[..100];
    }
}
