using PuqCloud.Core.Domain.Common;
using PuqCloud.Web.Infrastructure;

namespace PuqCloud.Tests.Unit;

/// <summary>Pages show instants in the person's zone, named by its offset at that instant; unknown zones fall back to UTC.</summary>
public sealed class PersonTimeTests
{
    private static readonly DateTime Winter = new(2026, 1, 15, 12, 0, 5, DateTimeKind.Utc);
    private static readonly DateTime Summer = new(2026, 7, 15, 12, 0, 5, DateTimeKind.Utc);

    [Fact]
    public void Utc_is_the_default()
    {
        var time = new PersonTime();
        time.Format(Winter).Should().Be("2026-01-15 12:00:05 UTC");
    }

    [Fact]
    public void A_zone_follows_its_daylight_saving_time()
    {
        var time = new PersonTime();
        time.Use("Europe/Warsaw");
        time.Format(Winter).Should().Be("2026-01-15 13:00:05 UTC+01:00");
        time.Format(Summer).Should().Be("2026-07-15 14:00:05 UTC+02:00");
        time.FormatMinutes(Summer).Should().Be("2026-07-15 14:00 UTC+02:00");
    }

    [Fact]
    public void Zones_west_of_greenwich_show_a_minus_offset()
    {
        var time = new PersonTime();
        time.Use("America/New_York");
        time.Format(Winter).Should().Be("2026-01-15 07:00:05 UTC−05:00");
    }

    [Fact]
    public void An_unknown_zone_shows_utc_and_is_refused_as_a_choice()
    {
        var time = new PersonTime();
        time.Use("Mars/Olympus_Mons");
        time.Format(Winter).Should().Be("2026-01-15 12:00:05 UTC");
        TimeZones.IsKnown("Mars/Olympus_Mons").Should().BeFalse();
        TimeZones.IsKnown("Europe/Warsaw").Should().BeTrue();
        TimeZones.All.Should().StartWith("UTC").And.Contain("Asia/Tokyo");
    }
}
