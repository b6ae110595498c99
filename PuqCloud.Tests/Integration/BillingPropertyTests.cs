using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Tests.Support;
using Xunit.Abstractions;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Random sequences of clock moves, top-ups, idle on and off, switches between two packages and suspensions, on the
/// test clock. After each sequence: every balance equals its ledger, no service-period is charged twice, no hour is
/// charged while its service was suspended, each switch made one proration, and every hourly charge equals an
/// independent computation from the state the test itself recorded (the price and idle switch in force before the hour began).
/// </summary>
public sealed class BillingPropertyTests(SqliteManualClockAppFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteManualClockAppFixture>
{
    private readonly PuqAppFactory app = fixture.App;

    private sealed record Package(Guid Product, Guid Price, decimal Base, decimal Idle);

    /// <summary>What the test knows of one service: the changes it made and when, and its suspensions.</summary>
    private sealed class Model(Guid id, Package package)
    {
        public Guid Id { get; } = id;
        public List<(DateTime At, Package Package, bool Idle)> States { get; } = [(DateTime.MinValue, package, false)];
        public List<(DateTime From, DateTime? To)> Suspensions { get; } = [];
        public int Switches { get; set; }
        public Package Package => States[^1].Package;
        public bool Idle => States[^1].Idle;
        public bool Suspended => Suspensions.Count > 0 && Suspensions[^1].To is null;

        /// <summary>The state billing saw for the hour starting at <paramref name="hour"/>: the last change made before it began.</summary>
        public (Package Package, bool Idle) StateFor(DateTime hour)
        {
            var state = States.Last(s => s.At < hour);
            return (state.Package, state.Idle);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(37)]
    public async Task Random_sequences_keep_every_billing_invariant(int seed)
    {
        var random = new Random(seed);
        var staff = await app.SuperAdminClientAsync();
        var small = await Priced(staff, 7.44m, 3.72m, "Small");
        var large = await Priced(staff, 14.88m, 7.44m, "Large");
        var clientId = await staff.CreateBillingClientAsync($"Property {seed}");
        await staff.AdjustAsync(clientId, 50m);
        var services = new List<Model>();
        for (var i = 0; i < 2; i++)
            services.Add(new Model((await staff.CreateServiceAsync(clientId, (small.Product, small.Price))).GetProperty("id").GetGuid(), small));

        for (var step = 0; step < 25; step++)
        {
            var now = (await (await staff.GetAsync("/api/admin/v1/system/clock")).JsonAsync()).Time("now");
            var service = services[random.Next(services.Count)];
            switch (random.Next(6))
            {
                case 0 or 1:
                    var hours = random.Next(1, 5);
                    await staff.AdvanceClockAsync(hours);
                    output.WriteLine($"{now:MM-dd HH}: advance {hours} h");
                    break;
                case 2:
                    await staff.AdjustAsync(clientId, random.Next(1, 4));
                    break;
                case 3 when !service.Suspended:
                    await Ok(staff.PostAsync($"/api/admin/v1/services/{service.Id}/{(service.Idle ? "unidle" : "idle")}", null));
                    service.States.Add((now, service.Package, !service.Idle));
                    output.WriteLine($"{now:MM-dd HH}: {service.Id:N} idle {service.Idle}");
                    break;
                case 4 when !service.Suspended:
                    var target = service.Package == small ? large : small;
                    await Ok(staff.PostAsJsonAsync($"/api/admin/v1/services/{service.Id}/change-package", new { productPriceId = target.Price }));
                    service.States.Add((now, target, service.Idle));
                    service.Switches++;
                    output.WriteLine($"{now:MM-dd HH}: {service.Id:N} switch to {target.Base}");
                    break;
                case 5 when service.Suspended:
                    await Ok(staff.PostAsync($"/api/admin/v1/services/{service.Id}/unsuspend", null));
                    service.Suspensions[^1] = (service.Suspensions[^1].From, now);
                    output.WriteLine($"{now:MM-dd HH}: {service.Id:N} unsuspend");
                    break;
                case 5:
                    await Ok(staff.PostAsJsonAsync($"/api/admin/v1/services/{service.Id}/suspend", new { reason = "property test" }));
                    service.Suspensions.Add((now, null));
                    output.WriteLine($"{now:MM-dd HH}: {service.Id:N} suspend");
                    break;
            }
        }

        await using var db = app.CreateDbContext();
        (await BalanceReconciliation.CheckAsync(db, CancellationToken.None)).Should().BeEmpty();
        var rows = await db.LedgerEntries.AsNoTracking().Where(e => e.ClientId == clientId).ToListAsync();
        foreach (var service in services)
        {
            var charges = rows.Where(r => r.ServiceId == service.Id && r.ChargeKind == ChargeKind.Period).OrderBy(r => r.PeriodStart).ToList();
            charges.GroupBy(c => c.PeriodStart).Should().OnlyContain(g => g.Count() == 1, "a service-period is charged once");
            foreach (var charge in charges)
            {
                var hour = charge.PeriodStart!.Value;
                service.Suspensions.Should().NotContain(s => hour > s.From && (s.To == null || hour < s.To), $"the hour {hour:u} fell in a suspension");
                var (package, idle) = service.StateFor(hour);
                var expected = MoneyRoundingReference(idle ? package.Idle : package.Base, hour);
                charge.Amount.Should().Be(-expected, $"the hour {hour:u} of {service.Id} ({(idle ? "idle" : "full")} {package.Base})");
            }
            rows.Count(r => r.ServiceId == service.Id && r.ChargeKind == ChargeKind.Proration).Should().Be(service.Switches);
        }
    }

    /// <summary>The reference: a monthly price over the hours of the hour's calendar month, to 4 decimals half away from zero, written out here again.</summary>
    private static decimal MoneyRoundingReference(decimal monthly, DateTime hour) =>
        Math.Round(monthly / (DateTime.DaysInMonth(hour.Year, hour.Month) * 24), 4, MidpointRounding.AwayFromZero);

    private static async Task<Package> Priced(HttpClient staff, decimal price, decimal idle, string name)
    {
        var (product, priceId) = await staff.CreatePricedProductAsync("Monthly", price, idle: idle, allowIdle: true, name: name);
        return new Package(product, priceId, price, idle);
    }

    private static async Task Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
