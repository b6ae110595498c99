using Quartz;

namespace PuqCloud.Core.Engine.Scheduling;

/// <summary>
/// Cron expressions as staff type them: the five fields of the guide ("minute hour day month weekday",
/// Sunday = 0 or 7) or Quartz's own six or seven fields (seconds first, "?" for an unused day field).
/// Quartz runs them all in its own spelling; times are UTC.
/// </summary>
public static class CronSchedule
{
    /// <summary>The Quartz form of <paramref name="cron"/>, or null when it is not a valid expression; <paramref name="error"/> says why.</summary>
    public static string? ToQuartz(string? cron, out string? error)
    {
        error = null;
        var text = string.Join(' ', (cron ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var fields = text.Length == 0 ? 0 : text.Count(c => c == ' ') + 1;
        if (fields is not (5 or 6 or 7))
        {
            error = "A cron expression has five fields (minute hour day month weekday), for example \"0 2 * * *\" for daily at 02:00.";
            return null;
        }
        try
        {
            return (fields == 5 ? CronExpression.Parse(text, CronFormat.Unix) : CronExpression.Parse(text)).CronExpressionString;
        }
        catch (FormatException ex)
        {
            error = $"Not a valid cron expression: {ex.Message}";
            return null;
        }
    }

    public static bool IsValid(string? cron) => ToQuartz(cron, out _) is not null;

    /// <summary>When <paramref name="cron"/> fires next after <paramref name="after"/> (UTC), or null when it never will or is invalid.</summary>
    public static DateTime? NextRun(string? cron, DateTime after)
    {
        if (ToQuartz(cron, out _) is not { } quartz) return null;
        var expression = new CronExpression(quartz, TimeZoneInfo.Utc);
        return expression.GetNextValidTimeAfter(new DateTimeOffset(DateTime.SpecifyKind(after, DateTimeKind.Utc)))?.UtcDateTime;
    }
}
