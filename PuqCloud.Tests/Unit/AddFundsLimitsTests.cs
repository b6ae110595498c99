using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Settings;

namespace PuqCloud.Tests.Unit;

/// <summary>The limits of "Add funds": General → Finance in the client's currency, and the reasons an amount is refused.</summary>
public sealed class AddFundsLimitsTests
{
    [Fact]
    public void Add_funds_limits_are_the_general_settings_in_the_client_s_currency_and_refuse_with_reasons()
    {
        var settings = new FinanceSettings(MinAddFunds: 5m, MaxAddFunds: 10000m, MaxClientBalance: 50000m);
        var usd = AddFundsRules.LimitsIn(settings, 1m, 2);
        usd.Should().Be(new AddFundsLimits(5m, 10000m, 50000m));
        // In yen at 150.123 per default unit: 750.615 → 751, whole yen.
        AddFundsRules.LimitsIn(settings, 150.123m, 0).Should().Be(new AddFundsLimits(751m, 1501230m, 7506150m));

        static string Format(decimal amount) => "$" + amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        AddFundsRules.Problem(5m, 0m, usd, 2, Format).Should().BeNull();
        AddFundsRules.Problem(10000m, 40000m, usd, 2, Format).Should().BeNull("the balance may reach the largest exactly");
        AddFundsRules.Problem(0m, 0m, usd, 2, Format).Should().Be("Enter a positive amount.");
        AddFundsRules.Problem(4.99m, 0m, usd, 2, Format).Should().Be("Add at least $5.00.");
        AddFundsRules.Problem(10000.01m, 0m, usd, 2, Format).Should().Be("Add at most $10000.00 at a time.");
        AddFundsRules.Problem(12.345m, 0m, usd, 2, Format).Should().Be("The client's currency has 2 decimal place(s): use at most that many.");
        AddFundsRules.Problem(12.5m, 0m, usd, 0, Format).Should().Be("The client's currency has no decimals: use a whole amount.");
        AddFundsRules.Problem(5000.01m, 45000.0001m, usd, 2, Format)
            .Should().Be("The balance may reach at most $50000.00: at most $4999.99 can be added now.");
        // What unpaid proformas will credit counts: two proformas of 30,000 issued at a zero balance would reach 60,000 once paid.
        AddFundsRules.Problem(10000m, 0m, usd, 2, Format, pending: 40000m).Should().BeNull("40,000 to come and 10,000 reach the largest exactly");
        AddFundsRules.Problem(10000m, 0m, usd, 2, Format, pending: 45000m)
            .Should().Be("The balance may reach at most $50000.00: with $45000.00 to come from unpaid proformas, at most $5000.00 can be added now.");
    }

    [Fact]
    public void Another_proforma_is_refused_from_the_most_unpaid_allowed_on()
    {
        AddFundsRules.TooManyUnpaid(4, 5).Should().BeNull();
        AddFundsRules.TooManyUnpaid(5, 5).Should().StartWith("5 add-funds proformas are waiting for payment, the most allowed:");
        AddFundsRules.TooManyUnpaid(7, 5).Should().StartWith("7 add-funds proformas are waiting for payment, more than the 5 allowed:", "the most was lowered since");
        AddFundsRules.TooManyUnpaid(1, 1).Should().StartWith("An add-funds proforma is waiting for payment already");
    }
}
