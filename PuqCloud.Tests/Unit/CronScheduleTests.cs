using PuqCloud.Core.Engine.Scheduling;

namespace PuqCloud.Tests.Unit;

public sealed class CronScheduleTests
{
    private static readonly DateTime Noon = new(2026, 11, 22, 12, 0, 30, DateTimeKind.Utc);

    [Theory]
    [InlineData("0 2 * * *", "2026-11-23 02:00:00")]
    [InlineData("*/5 * * * *", "2026-11-22 12:05:00")]
    [InlineData("0 * * * *", "2026-11-22 13:00:00")]
    [InlineData("*/30 8-20 * * 1-5", "2026-11-23 08:00:00")] // 22 November 2026 is a Sunday
    [InlineData("0 3 * * 1", "2026-11-23 03:00:00")]
    [InlineData("0 3 * * 0", "2026-11-29 03:00:00")]
    [InlineData("0 3 * * 7", "2026-11-29 03:00:00")]
    [InlineData("* * * * * ?", "2026-11-22 12:00:31")]
    [InlineData("0 15 10 ? * MON-FRI", "2026-11-23 10:15:00")]
    public void The_next_run_follows_the_expression_in_utc(string cron, string expected)
    {
        CronSchedule.NextRun(cron, Noon).Should().Be(DateTime.SpecifyKind(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("")]
    [InlineData("every day")]
    [InlineData("* * *")]
    [InlineData("61 * * * *")]
    [InlineData("0 25 * * *")]
    [InlineData("0 2 * 13 *")]
    [InlineData("0 0 0 ? * * * *")]
    public void Invalid_expressions_are_refused_with_a_reason(string cron)
    {
        CronSchedule.ToQuartz(cron, out var error).Should().BeNull();
        error.Should().NotBeNullOrWhiteSpace();
        CronSchedule.NextRun(cron, Noon).Should().BeNull();
    }

    [Fact]
    public void Five_fields_become_quartz_with_seconds()
    {
        var quartz = CronSchedule.ToQuartz("  0   2 * * * ", out var error);
        error.Should().BeNull();
        quartz!.Split(' ').Should().HaveCount(6).And.StartWith("0");
    }
}
