using System.Globalization;
using System.Text.RegularExpressions;
using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Finance;

public enum DocumentType
{
    Proforma,
    Invoice,
    CreditNote,
}

public enum NumberResetPolicy
{
    Never,
    Monthly,
    Yearly,
}

/// <summary>Where a counter stands: the number it gives next and the period ("2026", "2026-11") it last counted in.</summary>
public sealed record NumberingState(long NextNumber, string? Period);

/// <summary>The numbering of one document type of one home company.</summary>
public class DocumentNumberSeries : Entity
{
    public Guid HomeCompanyId { get; set; }
    public DocumentType DocumentType { get; set; }
    public string Format { get; set; } = "";
    public long NextNumber { get; set; } = 1;
    public NumberResetPolicy ResetPolicy { get; set; }
    /// <summary>The period the counter last counted in (null: never counted, or never resets).</summary>
    public string? Period { get; set; }

    public NumberingState State => new(NextNumber, Period);
}

/// <summary>
/// Document numbers from a format with {YEAR} {MONTH} {DAY} {NUMBER} and {NUMBER:n} (zero-padded to n
/// digits), and a counter that starts again at 1 when the month or year of its reset policy changed.
/// </summary>
public static partial class DocumentNumbering
{
    public const int MaxPadding = 12;

    public static string DefaultFormat(DocumentType type) => type switch
    {
        DocumentType.Proforma => "PRO-{YEAR}-{NUMBER:5}",
        DocumentType.Invoice => "INV-{YEAR}-{NUMBER:5}",
        _ => "CN-{YEAR}-{NUMBER:5}",
    };

    /// <summary>The format with its placeholders filled for the given number and date.</summary>
    public static string Render(string format, long number, DateTime date) =>
        Placeholder().Replace(format, m => m.Groups["name"].Value switch
        {
            "YEAR" => date.Year.ToString("D4", CultureInfo.InvariantCulture),
            "MONTH" => date.Month.ToString("D2", CultureInfo.InvariantCulture),
            "DAY" => date.Day.ToString("D2", CultureInfo.InvariantCulture),
            "NUMBER" => number.ToString(m.Groups["width"].Success ? "D" + m.Groups["width"].Value : "D", CultureInfo.InvariantCulture),
            _ => m.Value,
        });

    /// <summary>The period a date counts in under a policy: "2026" yearly, "2026-11" monthly, null never.</summary>
    public static string? PeriodOf(NumberResetPolicy policy, DateTime date) => policy switch
    {
        NumberResetPolicy.Yearly => date.Year.ToString("D4", CultureInfo.InvariantCulture),
        NumberResetPolicy.Monthly => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>
    /// The number a document made at <paramref name="date"/> gets, and the counter after it. A counter that
    /// last counted in another period starts again at 1; one that never counted keeps the number it was set to.
    /// </summary>
    public static (string Number, NumberingState State) Next(string format, NumberResetPolicy policy, NumberingState state, DateTime date)
    {
        var period = PeriodOf(policy, date);
        var number = state.Period is not null && period is not null && state.Period != period ? 1 : state.NextNumber;
        return (Render(format, number, date), new NumberingState(number + 1, period));
    }

    /// <summary>Why a format cannot number documents of the policy (null when it can).</summary>
    public static string? Problem(string? format, NumberResetPolicy policy)
    {
        if (string.IsNullOrWhiteSpace(format)) return "Enter a number format, for example INV-{YEAR}-{NUMBER:5}.";
        var names = new List<string>();
        foreach (Match m in Placeholder().Matches(format))
        {
            if (m.Groups["width"].Success && (m.Groups["name"].Value != "NUMBER" || !int.TryParse(m.Groups["width"].Value, out var w) || w < 1 || w > MaxPadding))
                return $"Only {{NUMBER}} takes a width, from 1 to {MaxPadding}: {m.Value}.";
            names.Add(m.Groups["name"].Value);
        }
        var rest = Placeholder().Replace(format, "");
        if (rest.Contains('{') || rest.Contains('}'))
            return "Use only the placeholders {YEAR}, {MONTH}, {DAY}, {NUMBER} and {NUMBER:n}.";
        if (names.Count(n => n == "NUMBER") != 1) return "The format needs {NUMBER} exactly once.";
        // A counter that starts again must be told apart by its period, or numbers would repeat.
        if (policy == NumberResetPolicy.Yearly && !names.Contains("YEAR")) return "A counter that resets every year needs {YEAR} in the format.";
        if (policy == NumberResetPolicy.Monthly && !(names.Contains("YEAR") && names.Contains("MONTH")))
            return "A counter that resets every month needs {YEAR} and {MONTH} in the format.";
        return null;
    }

    [GeneratedRegex(@"\{(?<name>YEAR|MONTH|DAY|NUMBER)(:(?<width>\d+))?\}")]
    private static partial Regex Placeholder();
}
