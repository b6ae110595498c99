using System.Globalization;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Finance;

namespace PuqCloud.Core.Billing;

/// <summary>An option's price for the service's currency and period, charged from <see cref="AddedAt"/>.</summary>
public sealed record BillableOption(decimal Base, decimal Idle, DateTime AddedAt);

/// <summary>What billing needs of a service: its price row, options, idle state and the time it is paid until.</summary>
public sealed record BillableService(
    Guid Id,
    Guid ClientId,
    string Title,
    string CurrencyCode,
    PricePeriod Period,
    bool HourlyBilling,
    decimal Base,
    decimal Idle,
    bool IsIdle,
    IReadOnlyList<BillableOption> Options,
    DateTime Anchor,
    DateTime PaidUntil)
{
    /// <summary>Charged by the hour: the product meters its period price, or the price row is per hour.</summary>
    public bool Metered => HourlyBilling || Period == PricePeriod.Hourly;
}

/// <summary>One charge billing is about to post: the time it pays for, the amount (positive), and its text.</summary>
public sealed record PlannedCharge(DateTime Start, DateTime End, decimal Amount, decimal? Rate, string Description);

/// <summary>
/// The charges a recurring service owes up to a moment (pure; the golden tests pin its figures).
/// <list type="bullet">
/// <item>Metered: one charge per started hour from <see cref="BillableService.PaidUntil"/>, in advance (the hour
/// that has begun is charged), at the hourly rate of the period instance containing that hour (see
/// <see cref="BillingPeriods"/>); the base (or idle) price and the options active at the hour's start are added
/// before dividing, and the rate is rounded to 4 decimals. Missed hours are caught up, each once (and owed whatever the
/// balance: see <see cref="ServiceSteps.Affordable"/>).</item>
/// <item>Not metered: the whole period in advance, when the paid time runs out; the base (or idle) price plus options.</item>
/// </list>
/// </summary>
public static class ServiceCharges
{
    public static IEnumerable<PlannedCharge> Due(BillableService service, DateTime now)
    {
        if (service.Period == PricePeriod.OneTime) yield break;
        var start = service.PaidUntil;
        while (start <= now)
        {
            if (service.Metered)
            {
                var end = start.AddHours(1);
                var price = PriceAt(service, start);
                var rate = BillingPeriods.HourlyRate(service.Period, price, start);
                yield return new PlannedCharge(start, end, rate, rate, HourText(service, start, end, rate));
                start = end;
            }
            else
            {
                var end = BillingPeriods.NextBoundary(service.Anchor, service.Period, start);
                var amount = MoneyRounding.Ledger(PriceAt(service, start));
                yield return new PlannedCharge(start, end, amount, null, PeriodText(service, start, end));
                start = end;
            }
        }
    }

    /// <summary>The base (or idle) price plus the options that are active at <paramref name="at"/>.</summary>
    public static decimal PriceAt(BillableService service, DateTime at) =>
        (service.IsIdle ? service.Idle : service.Base)
        + service.Options.Where(o => o.AddedAt <= at).Sum(o => service.IsIdle ? o.Idle : o.Base);

    private static string HourText(BillableService s, DateTime start, DateTime end, decimal rate)
    {
        var to = end.Date == start.Date ? end.ToString("HH:mm", CultureInfo.InvariantCulture) : end.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"{s.Title}, {start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}–{to} UTC, " +
               $"{rate.ToString("0.0000", CultureInfo.InvariantCulture)} {s.CurrencyCode}/h{(s.IsIdle ? " (idle)" : "")}";
    }

    private static string PeriodText(BillableService s, DateTime start, DateTime end) =>
        $"{s.Title}, {start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}–{end.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, " +
        $"{s.Period.ToString().ToLowerInvariant()}{(s.IsIdle ? " (idle)" : "")}";
}
