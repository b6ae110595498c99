using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Tests.Unit;

public sealed class PricingTests
{
    [Theory]
    [InlineData("10.00", "4.3215", 2, "43.22")]     // 43.215 → half away from zero
    [InlineData("10.00", "4.3214", 2, "43.21")]
    [InlineData("9.99", "161.5", 0, "1613")]        // JPY: 1613.385 → whole yen
    [InlineData("0.50", "161.0", 0, "81")]          // 80.5 → 81, not banker's 80
    [InlineData("12.34", "0.377", 3, "4.652")]      // KWD-like three decimals: 4.65218
    [InlineData("0", "4.3", 2, "0")]
    public void Conversion_multiplies_by_the_rate_and_rounds_half_away_from_zero_to_the_currency(string amount, string rate, int decimals, string expected)
    {
        PriceRules.Convert(decimal.Parse(amount), decimal.Parse(rate), decimals).Should().Be(decimal.Parse(expected));
    }

    [Theory]
    [InlineData("9.99", 2, true)]
    [InlineData("9.999", 2, false)]
    [InlineData("9.990", 2, true)]
    [InlineData("1.5", 0, false)]
    [InlineData("1500", 0, true)]
    [InlineData("0.125", 3, true)]
    public void Amounts_must_fit_the_currency_precision(string amount, int decimals, bool fits)
    {
        PriceRules.FitsPrecision(decimal.Parse(amount), decimals).Should().Be(fits);
    }

    [Fact]
    public void Iso_minor_units_know_the_exceptions()
    {
        ReferenceData.MinorUnitsOf("EUR").Should().Be(2);
        ReferenceData.MinorUnitsOf("JPY").Should().Be(0);
        ReferenceData.MinorUnitsOf("KWD").Should().Be(3);
    }

    [Fact]
    public void Price_rows_are_ordered_by_currency_then_period()
    {
        PriceDto Row(string code, PricePeriod period) => new(Guid.NewGuid(), Guid.NewGuid(), code, 2, period, 0, 0, 0, 0, 0, null, false);

        var ordered = PriceRules.Ordered([Row("USD", PricePeriod.Annually), Row("EUR", PricePeriod.Monthly), Row("USD", PricePeriod.Hourly), Row("EUR", PricePeriod.OneTime)]);

        ordered.Select(r => $"{r.CurrencyCode} {r.Period}").Should().Equal("EUR OneTime", "EUR Monthly", "USD Hourly", "USD Annually");
    }

    [Fact]
    public void Translations_fall_back_to_the_default_language_then_any_then_the_key()
    {
        Translations.Resolve(new Dictionary<string, string> { ["en"] = "Firewall", ["pl"] = "Zapora" }, "pl", "fw").Should().Be("Zapora");
        Translations.Resolve(new Dictionary<string, string> { ["en"] = "Firewall", ["pl"] = " " }, "pl", "fw").Should().Be("Firewall");
        Translations.Resolve(new Dictionary<string, string> { ["pl"] = "Zapora" }, "en", "fw").Should().Be("Zapora");
        Translations.Resolve(new Dictionary<string, string>(), "en", "fw").Should().Be("fw");
        Translations.Normalize(new Dictionary<string, string> { ["en"] = " Firewall ", ["xx"] = "?", ["pl"] = "" })
            .Should().BeEquivalentTo(new Dictionary<string, string> { ["en"] = "Firewall" });
    }

    [Theory]
    [InlineData("proxmox-lxc", true)]
    [InlineData("plan_1.mini", true)]
    [InlineData("Proxmox", false)]
    [InlineData("with space", false)]
    [InlineData("", false)]
    public void Catalog_keys_are_lower_case_and_url_safe(string key, bool valid)
    {
        CatalogKeys.IsValid(key).Should().Be(valid);
    }
}
