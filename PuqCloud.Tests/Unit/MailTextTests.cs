using PuqCloud.Core.Common;
using PuqCloud.Core.Mail;

namespace PuqCloud.Tests.Unit;

public sealed class MailTextTests
{
    /// <summary>
    /// A name typed by someone else is one line in a mail: line breaks of every kind (Unicode's line and paragraph separators
    /// too) and text-direction overrides become spaces, so the name cannot add paragraphs above a link or reorder its words.
    /// </summary>
    [Fact]
    public void A_name_is_one_line_whatever_breaks_or_direction_marks_it_was_given()
    {
        MailText.OneLine("Joe,\r\n\u2029\u2028Your hosting\u202E is suspended\u2066").Should().Be("Joe, Your hosting is suspended");
        MailText.OneLine("Zoë\u200DMüller").Should().Be("Zoë\u200DMüller", "joiners belong to names");
    }

    /// <summary>Text is cut to a length on a whole character: half of an emoji cannot be written to PostgreSQL at all.</summary>
    [Fact]
    public void A_cut_never_splits_a_character()
    {
        TextCut.Cut("abc\U0001F600", 4).Should().Be("abc");
        TextCut.Cut("abcd\U0001F600", 4).Should().Be("abcd");
        TextCut.Cut("ab", 4).Should().Be("ab");
    }
}
