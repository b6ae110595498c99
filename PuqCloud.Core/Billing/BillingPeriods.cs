using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Finance;

namespace PuqCloud.Core.Billing;

/// <summary>
/// Calendar arithmetic of price periods (all in UTC).
/// <list type="bullet">
/// <item>A metered (hourly) charge uses the rate of the calendar instance of the period that contains the hour:
/// a monthly price in December is divided by 744 hours, in February 2027 by 672; quarters, half-years and years
/// start on 1 January, 1 April…; weeks on Mondays; two-week blocks and two- and three-year blocks count from
/// 2001-01-01 (a Monday) and from year 0.</item>
/// <item>A period charged in advance runs from the service's billing anchor: the n-th period ends n periods after
/// it (a service started on 31 January is paid until 28 February, 31 March, 30 April…).</item>
/// </list>
/// </summary>
public static class BillingPeriods
{
    private static readonly DateTime WeekEpoch = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>"per month": how a document line names a price's period.</summary>
    public static string Words(PricePeriod period) => period switch
    {
        PricePeriod.OneTime => "one-time",
        PricePeriod.Hourly => "per hour",
        PricePeriod.Daily => "per day",
        PricePeriod.Weekly => "per week",
        PricePeriod.BiWeekly => "per two weeks",
        PricePeriod.Monthly => "per month",
        PricePeriod.Quarterly => "per quarter",
        PricePeriod.SemiAnnually => "per half-year",
        PricePeriod.Annually => "per year",
        PricePeriod.Biennially => "per two years",
        PricePeriod.Triennially => "per three years",
        _ => period.ToString(),
    };

    public static int MonthsOf(PricePeriod period) => period switch
    {
        PricePeriod.Monthly => 1,
        PricePeriod.Quarterly => 3,
        PricePeriod.SemiAnnually => 6,
        PricePeriod.Annually => 12,
        PricePeriod.Biennially => 24,
        PricePeriod.Triennially => 36,
        _ => 0,
    };

    public static int DaysOf(PricePeriod period) => period switch
    {
        PricePeriod.Daily => 1,
        PricePeriod.Weekly => 7,
        PricePeriod.BiWeekly => 14,
        _ => 0,
    };

    /// <summary>The calendar instance of <paramref name="period"/> that contains <paramref name="at"/>.</summary>
    public static (DateTime Start, DateTime End) InstanceContaining(PricePeriod period, DateTime at)
    {
        if (period == PricePeriod.OneTime) throw new ArgumentException("A one-time price has no period.", nameof(period));
        if (period == PricePeriod.Hourly)
        {
            var hour = new DateTime(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc);
            return (hour, hour.AddHours(1));
        }
        var days = DaysOf(period);
        if (days > 0)
        {
            var blocks = (long)Math.Floor((at.Date - WeekEpoch).TotalDays / days);
            var start = DateTime.SpecifyKind(WeekEpoch.AddDays(blocks * days), DateTimeKind.Utc);
            return (start, start.AddDays(days));
        }
        var months = MonthsOf(period);
        var index = at.Year * 12 + at.Month - 1;
        var first = index / months * months;
        var from = new DateTime(first / 12, first % 12 + 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return (from, from.AddMonths(months));
    }

    public static int HoursIn(PricePeriod period, DateTime at)
    {
        var (start, end) = InstanceContaining(period, at);
        return (int)(end - start).TotalHours;
    }

    /// <summary>The rate per hour of <paramref name="price"/> for the hour starting at <paramref name="hourStart"/>, 4 decimals.</summary>
    public static decimal HourlyRate(PricePeriod period, decimal price, DateTime hourStart) => period == PricePeriod.Hourly
        ? MoneyRounding.Rate(price)
        : MoneyRounding.Rate(price / HoursIn(period, hourStart));

    /// <summary>The end of the <paramref name="n"/>-th period after <paramref name="anchor"/>.</summary>
    public static DateTime Add(DateTime anchor, PricePeriod period, int n)
    {
        if (period == PricePeriod.Hourly) return anchor.AddHours(n);
        var days = DaysOf(period);
        if (days > 0) return anchor.AddDays((double)days * n);
        var months = MonthsOf(period);
        if (months == 0) throw new ArgumentException("A one-time price has no period.", nameof(period));
        return anchor.AddMonths(months * n);
    }

    /// <summary>The first period end after <paramref name="after"/>, counting from <paramref name="anchor"/>.</summary>
    public static DateTime NextBoundary(DateTime anchor, PricePeriod period, DateTime after)
    {
        var span = (Add(anchor, period, 1) - anchor).TotalHours;
        var n = Math.Max(1, (int)((after - anchor).TotalHours / span) - 1);
        while (Add(anchor, period, n) <= after) n++;
        while (n > 1 && Add(anchor, period, n - 1) > after) n--;
        return Add(anchor, period, n);
    }
}
