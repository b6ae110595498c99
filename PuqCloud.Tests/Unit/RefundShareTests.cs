using PuqCloud.Core.Domain.Finance;

namespace PuqCloud.Tests.Unit;

/// <summary>The net part each refund takes from the balance: rounded on the running total, never more than the payment credited.</summary>
public sealed class RefundShareTests
{
    private static readonly Payment Paid = new() { Amount = 123.00m, NetAmount = 100.00m, CurrencyCode = "EUR" };

    /// <summary>The net parts of refunding <paramref name="amounts"/> one after another.</summary>
    private static List<decimal> Shares(Payment payment, int decimals, params decimal[] amounts)
    {
        var (gross, net, shares) = (0m, 0m, new List<decimal>());
        foreach (var amount in amounts)
        {
            var share = Refund.NetShare(payment, amount, gross, net, decimals);
            shares.Add(share);
            (gross, net) = (gross + amount, net + share);
        }
        return shares;
    }

    [Fact]
    public void Small_refunds_then_the_rest_take_back_exactly_what_the_payment_credited()
    {
        // 0.08 × 100 / 123 = 0.0650… each: rounded one by one, three took 0.21 for a share of 0.195 and the rest went negative.
        var shares = Shares(Paid, 2, 0.08m, 0.08m, 0.08m, 122.75m, 0.01m);

        shares.Should().Equal(0.07m, 0.06m, 0.07m, 99.79m, 0.01m);
        shares.Sum().Should().Be(100.00m);
        shares.Should().OnlyContain(s => s >= 0m);
    }

    [Fact]
    public void A_refund_in_full_takes_the_whole_net_and_the_figures_of_a_two_part_refund_stay_as_before()
    {
        Shares(Paid, 2, 123.00m).Should().Equal(100.00m);
        // 10.00 of 41.00 (net 33.33): 8.1292… → 8.13, then the rest 25.20 (the refund API test's figures).
        Shares(new Payment { Amount = 41.00m, NetAmount = 33.33m, CurrencyCode = "EUR" }, 2, 10.00m, 31.00m).Should().Equal(8.13m, 25.20m);
    }

    [Fact]
    public void Running_shares_never_pass_the_payments_net_whatever_the_split()
    {
        var random = new Random(20261206);
        for (var round = 0; round < 500; round++)
        {
            var decimals = random.Next(0, 4);
            var unit = decimals switch { 0 => 1m, 1 => 0.1m, 2 => 0.01m, _ => 0.001m };
            var gross = random.Next(1, 100_000) * unit;
            var net = MoneyRounding.MinorUnit(gross / (1m + random.Next(0, 28) / 100m), decimals);
            var payment = new Payment { Amount = gross, NetAmount = net, CurrencyCode = "XXX" };
            var parts = new List<decimal>();
            var left = gross;
            while (left > 0m)
            {
                var part = Math.Min(left, random.Next(1, 2_000) * unit);
                parts.Add(part);
                left -= part;
            }

            var shares = Shares(payment, decimals, [.. parts]);
            var taken = 0m;
            foreach (var share in shares)
            {
                taken += share;
                taken.Should().BeLessThanOrEqualTo(net, "the refunds never take more than the payment credited");
                share.Should().BeGreaterThanOrEqualTo(0m);
            }
            taken.Should().Be(net, $"a payment refunded in full ({gross} in {parts.Count} parts) takes back exactly its net");
        }
    }
}
