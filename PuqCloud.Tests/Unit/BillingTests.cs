using PuqCloud.Core.Billing;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;

namespace PuqCloud.Tests.Unit;

/// <summary>
/// The rounding policy, period arithmetic and the charges of one service, with the figures written out by hand.
/// Rounding policy under test: rates keep 4 decimals (half away from zero), so a month of hourly charges adds up to
/// the monthly price within hours × 0.00005 (≤ 0.0372 for 744 hours).
/// </summary>
public sealed class BillingTests
{
    private static DateTime Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    private static BillableService Service(PricePeriod period, decimal price, DateTime anchor, DateTime? paidUntil = null, bool hourly = true,
        decimal idle = 0m, bool isIdle = false, params BillableOption[] options) =>
        new(Guid.Parse("0193a5b0-0000-7000-8000-00000a4f2a1c"), Guid.NewGuid(), "VPS-S #4f2a1c", "EUR", period, hourly, price, idle, isIdle, options, anchor, paidUntil ?? anchor);

    [Theory]
    [InlineData("0.00005", 4, "0.0001")]
    [InlineData("-0.00005", 4, "-0.0001")]
    [InlineData("0.00004999", 4, "0.0000")]
    [InlineData("2.5", 0, "3")]
    [InlineData("-2.5", 0, "-3")]
    [InlineData("1.0005", 3, "1.001")]
    [InlineData("1.005", 2, "1.01")]
    public void Rounding_is_half_away_from_zero_at_the_asked_digits(string amount, int digits, string expected) =>
        MoneyRounding.MinorUnit(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), digits)
            .Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Money_refuses_to_add_two_currencies_and_prints_four_decimals()
    {
        var eur = new Money(1.5m, "EUR");
        (eur + new Money(0.25m, "EUR")).Should().Be(new Money(1.75m, "EUR"));
        ((Action)(() => _ = eur + new Money(1m, "USD"))).Should().Throw<InvalidOperationException>();
        new Money(0.013440m, "EUR").ToLedger().ToString().Should().Be("0.0134 EUR");
        new Money(2.5m, "JPY").ToMinorUnit(0).Amount.Should().Be(3m);
    }

    [Theory]
    [InlineData(2026, 12, 744)]
    [InlineData(2027, 2, 672)]
    [InlineData(2028, 2, 696)]
    [InlineData(2026, 4, 720)]
    public void A_month_has_the_hours_of_its_days(int year, int month, int hours) =>
        BillingPeriods.HoursIn(PricePeriod.Monthly, Utc(year, month, 10, 5)).Should().Be(hours);

    [Fact]
    public void Calendar_instances_of_longer_periods()
    {
        BillingPeriods.InstanceContaining(PricePeriod.Quarterly, Utc(2026, 5, 20)).Should().Be((Utc(2026, 4, 1), Utc(2026, 7, 1)));
        BillingPeriods.InstanceContaining(PricePeriod.SemiAnnually, Utc(2026, 12, 31, 23)).Should().Be((Utc(2026, 7, 1), Utc(2027, 1, 1)));
        BillingPeriods.HoursIn(PricePeriod.Annually, Utc(2027, 6, 1)).Should().Be(8760);
        BillingPeriods.HoursIn(PricePeriod.Annually, Utc(2028, 6, 1)).Should().Be(8784);
        BillingPeriods.InstanceContaining(PricePeriod.Weekly, Utc(2026, 12, 5, 14)).Should().Be((Utc(2026, 11, 30), Utc(2026, 12, 7)), "weeks start on Monday");
        BillingPeriods.InstanceContaining(PricePeriod.Daily, Utc(2026, 12, 5, 14)).Should().Be((Utc(2026, 12, 5), Utc(2026, 12, 6)));
    }

    [Fact]
    public void A_period_paid_in_advance_ends_a_whole_period_after_the_anchor_also_from_the_31st()
    {
        var anchor = Utc(2027, 1, 31, 10);
        BillingPeriods.NextBoundary(anchor, PricePeriod.Monthly, anchor).Should().Be(Utc(2027, 2, 28, 10));
        BillingPeriods.NextBoundary(anchor, PricePeriod.Monthly, Utc(2027, 2, 28, 10)).Should().Be(Utc(2027, 3, 31, 10));
        BillingPeriods.NextBoundary(anchor, PricePeriod.Monthly, Utc(2027, 3, 31, 10)).Should().Be(Utc(2027, 4, 30, 10));
        BillingPeriods.NextBoundary(anchor, PricePeriod.Annually, Utc(2029, 5, 1)).Should().Be(Utc(2030, 1, 31, 10));
    }

    [Fact]
    public void Hourly_metering_charges_each_started_hour_once_one_hour_ahead_with_the_rate_of_its_month()
    {
        // 10.00 EUR a month, December 2026: 10 / 744 = 0.013440… → 0.0134 an hour.
        var charges = ServiceCharges.Due(Service(PricePeriod.Monthly, 10m, Utc(2026, 12, 5, 14)), Utc(2026, 12, 5, 16, 30)).ToList();
        charges.Should().Equal(
            new PlannedCharge(Utc(2026, 12, 5, 14), Utc(2026, 12, 5, 15), 0.0134m, 0.0134m, "VPS-S #4f2a1c, 2026-12-05 14:00–15:00 UTC, 0.0134 EUR/h"),
            new PlannedCharge(Utc(2026, 12, 5, 15), Utc(2026, 12, 5, 16), 0.0134m, 0.0134m, "VPS-S #4f2a1c, 2026-12-05 15:00–16:00 UTC, 0.0134 EUR/h"),
            new PlannedCharge(Utc(2026, 12, 5, 16), Utc(2026, 12, 5, 17), 0.0134m, 0.0134m, "VPS-S #4f2a1c, 2026-12-05 16:00–17:00 UTC, 0.0134 EUR/h"));
    }

    [Fact]
    public void A_month_of_hourly_charges_adds_up_to_the_monthly_price_within_the_rounding_policy()
    {
        // December: 744 × 0.0134 = 9.9696 (10.00 − 0.0304); February 2027: 672 × 0.0149 = 10.0128 (10.00 + 0.0128).
        var december = ServiceCharges.Due(Service(PricePeriod.Monthly, 10m, Utc(2026, 12, 1)), Utc(2026, 12, 31, 23)).ToList();
        december.Should().HaveCount(744);
        december.Sum(c => c.Amount).Should().Be(9.9696m);
        var february = ServiceCharges.Due(Service(PricePeriod.Monthly, 10m, Utc(2027, 2, 1)), Utc(2027, 2, 28, 23)).ToList();
        february.Should().HaveCount(672);
        february.Sum(c => c.Amount).Should().Be(10.0128m);
        foreach (var (charges, hours) in new[] { (december, 744), (february, 672) })
            Math.Abs(charges.Sum(c => c.Amount) - 10m).Should().BeLessThanOrEqualTo(hours * 0.00005m);
        // The hour that crosses into January is charged at December's rate (its start decides).
        ServiceCharges.Due(Service(PricePeriod.Monthly, 10m, Utc(2026, 12, 31, 23, 30)), Utc(2026, 12, 31, 23, 30)).Single()
            .Should().Be(new PlannedCharge(Utc(2026, 12, 31, 23, 30), Utc(2027, 1, 1, 0, 30), 0.0134m, 0.0134m,
                "VPS-S #4f2a1c, 2026-12-31 23:30–2027-01-01 00:30 UTC, 0.0134 EUR/h"));
    }

    [Fact]
    public void Daily_annual_and_hourly_prices_metered_by_the_hour()
    {
        ServiceCharges.Due(Service(PricePeriod.Daily, 1m, Utc(2026, 12, 5)), Utc(2026, 12, 5)).Single().Amount.Should().Be(0.0417m, "1 / 24 = 0.041666…");
        ServiceCharges.Due(Service(PricePeriod.Annually, 120m, Utc(2027, 3, 1)), Utc(2027, 3, 1)).Single().Amount.Should().Be(0.0137m, "120 / 8760 = 0.013698…");
        // An hourly price row is charged per hour whatever the product's hourly switch says.
        ServiceCharges.Due(Service(PricePeriod.Hourly, 0.02m, Utc(2026, 12, 5), hourly: false), Utc(2026, 12, 5, 2)).Select(c => c.Amount)
            .Should().Equal(0.02m, 0.02m, 0.02m);
    }

    [Fact]
    public void Without_hourly_billing_the_whole_period_is_charged_in_advance_and_the_paid_time_moves_one_period()
    {
        var anchor = Utc(2027, 1, 31, 10);
        var charges = ServiceCharges.Due(Service(PricePeriod.Monthly, 10m, anchor, hourly: false), Utc(2027, 3, 1)).ToList();
        charges.Should().Equal(
            new PlannedCharge(anchor, Utc(2027, 2, 28, 10), 10m, null, "VPS-S #4f2a1c, 2027-01-31 10:00–2027-02-28 10:00 UTC, monthly"),
            new PlannedCharge(Utc(2027, 2, 28, 10), Utc(2027, 3, 31, 10), 10m, null, "VPS-S #4f2a1c, 2027-02-28 10:00–2027-03-31 10:00 UTC, monthly"));
        ServiceCharges.Due(Service(PricePeriod.OneTime, 50m, anchor, hourly: false), Utc(2030, 1, 1)).Should().BeEmpty("a one-time price is charged once, at the start, never by billing");
    }

    [Fact]
    public void Idle_hours_pay_the_idle_price_and_an_option_counts_from_the_hour_it_was_added()
    {
        // 7.44 a month in December = 0.01 an hour; idle 3.72 = 0.005 an hour; an option of 1.488 a month adds 0.002.
        var idle = ServiceCharges.Due(Service(PricePeriod.Monthly, 7.44m, Utc(2026, 12, 5), idle: 3.72m, isIdle: true), Utc(2026, 12, 5, 1)).ToList();
        idle.Select(c => c.Amount).Should().Equal(0.005m, 0.005m);
        idle[0].Description.Should().EndWith("0.0050 EUR/h (idle)");

        var withOption = ServiceCharges.Due(Service(PricePeriod.Monthly, 7.44m, Utc(2026, 12, 5), options: new BillableOption(1.488m, 0m, Utc(2026, 12, 5, 2))),
            Utc(2026, 12, 5, 3)).Select(c => c.Amount).ToList();
        withOption.Should().Equal(0.01m, 0.01m, 0.012m, 0.012m);
    }

    [Fact]
    public void Billing_takes_the_time_ahead_the_balance_covers_and_stops_at_the_first_it_does_not()
    {
        var now = Utc(2026, 12, 5, 4);
        var charges = ServiceCharges.Due(Service(PricePeriod.Monthly, 7.44m, Utc(2026, 12, 5)), now).ToList();
        charges.Should().HaveCount(5, "four hours a run missed and the hour that has begun");
        // Seen from the first hour's start, every hour is ahead.
        ServiceSteps.Affordable(charges, 0.035m, Utc(2026, 12, 5), out var isShort).Should().HaveCount(3);
        isShort.Should().BeTrue();
        ServiceSteps.Affordable(charges, 0.05m, now, out isShort).Should().HaveCount(5);
        isShort.Should().BeFalse();
    }

    [Fact]
    public void Hours_already_used_are_taken_whatever_the_balance_and_only_the_hour_ahead_needs_funds()
    {
        var now = Utc(2026, 12, 5, 4);
        var charges = ServiceCharges.Due(Service(PricePeriod.Monthly, 7.44m, Utc(2026, 12, 5)), now).ToList();
        var taken = ServiceSteps.Affordable(charges, 0.015m, now, out var isShort);
        taken.Select(c => c.End).Should().Equal(Utc(2026, 12, 5, 1), Utc(2026, 12, 5, 2), Utc(2026, 12, 5, 3), Utc(2026, 12, 5, 4));
        isShort.Should().BeTrue("the hour from 04:00 is not covered");
        ServiceSteps.Affordable(charges, -1m, now, out isShort).Should().HaveCount(4, "a balance below the credit limit still owes the hours it used");
        isShort.Should().BeTrue();
    }

    [Fact]
    public void Ledger_rows_form_a_chain_from_the_balance_as_read()
    {
        var client = Guid.NewGuid();
        var (rows, after) = Ledger.Append(new ClientBalance(client, "EUR", 10m, 7, 0m),
            [new LedgerPosting(LedgerEntryType.Charge, -0.0134m, "hour 1"), new LedgerPosting(LedgerEntryType.Adjustment, 5m, "goodwill")], Utc(2026, 12, 5));
        rows.Select(r => (r.Sequence, r.BalanceBefore, r.Amount, r.BalanceAfter, r.Net)).Should().Equal(
            (8L, 10m, -0.0134m, 9.9866m, 0.0134m),
            (9L, 9.9866m, 5m, 14.9866m, 5m));
        after.Should().Be(new ClientBalance(client, "EUR", 14.9866m, 9, 0m));
        ((Action)(() => Ledger.Append(after, [new LedgerPosting(LedgerEntryType.Charge, -0.00001m, "too fine")], Utc(2026, 12, 5))))
            .Should().Throw<InvalidOperationException>("ledger amounts keep 4 decimals");
    }
}
