using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Product.Sample;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>An app on the test clock (Clock:Mode=Manual), starting on 1 December 2026 at midnight UTC.</summary>
public abstract class ManualClockAppFixture(TestDatabase database) : IAsyncLifetime
{
    public static readonly DateTime Start = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    public PuqAppFactory App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await PuqAppFactory.StartAsync(database, services: BalanceReadGate.Register,
        settings: new Dictionary<string, string?> { ["Clock:Mode"] = "Manual", ["Clock:Start"] = Start.ToString("O") });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteManualClockAppFixture() : ManualClockAppFixture(TestDatabase.Sqlite);
public sealed class PostgresManualClockAppFixture() : ManualClockAppFixture(TestDatabase.Postgres);

/// <summary>
/// Services charged from the balance as the test clock moves: the exact ledger rows, suspension and return of funds,
/// termination fees, pending services, refusals that leave nothing behind, and exactly-once charging under concurrency.
/// A monthly price of 7.44 USD is 0.0100 an hour in December and January (744 hours each), so figures stay round.
/// </summary>
/// <remarks>
/// The tests of a class share one app and its clock, which only moves forward: each test works from the clock as it finds
/// it. Each begins by ending, in the database, the services the tests before it left live: every hour the clock moves,
/// every schedule handles every live service, so they made each test slower than the one before (the PostgreSQL class took
/// 400 s). Only billing's own schedules run as the clock moves (<see cref="BillingSchedules"/>).
/// </remarks>
public abstract class BillingApiTests(PuqAppFactory app) : IAsyncLifetime
{
    /// <summary>
    /// The schedules these tests move the clock for. The others are switched off: balance reconciliation reads every ledger
    /// row of the app each hour (the tests reconcile after each scenario themselves), and cleanup, proforma expiry and price
    /// conversion have tests of their own.
    /// </summary>
    private static readonly string[] BillingSchedules =
        [ServiceBilling.ScheduleKey, ServiceAutomation.ActivateKey, ServiceAutomation.CancelKey, ServiceAutomation.UnsuspendKey, ServiceAutomation.TerminateKey];

    public async Task InitializeAsync()
    {
        await using var db = app.CreateDbContext();
        await db.Services.Where(s => s.Status == ServiceStatus.Active || s.Status == ServiceStatus.Suspended || s.Status == ServiceStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, ServiceStatus.Terminated).SetProperty(s => s.NextChargeAt, (DateTime?)null));
        await using var scope = app.Services.CreateAsyncScope();
        var definitions = await scope.ServiceProvider.GetRequiredService<ScheduleRegistry>().AllAsync(CancellationToken.None);
        await ScheduleRegistry.EnsureRecordsAsync(scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>(), definitions,
            app.Services.GetRequiredService<BillingClock>().UtcNow, CancellationToken.None);
        await db.Schedules.Where(s => s.Enabled && !BillingSchedules.Contains(s.Key)).ExecuteUpdateAsync(u => u.SetProperty(s => s.Enabled, false));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<DateTime> NowAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/admin/v1/system/clock")).JsonAsync()).Time("now");

    private async Task AssertLedgersReconcileAsync()
    {
        await using var db = app.CreateDbContext();
        (await BalanceReconciliation.CheckAsync(db, CancellationToken.None)).Should().BeEmpty("every balance equals its ledger");
    }

    private static List<JsonElement> Charges(IEnumerable<JsonElement> rows) => rows.Where(r => r.GetProperty("type").GetString() == "Charge").ToList();

    [Fact]
    public async Task An_hourly_service_is_charged_each_hour_once_ahead_as_the_clock_moves_and_a_second_run_charges_nothing()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 10m);
        var start = await NowAsync(staff);
        var service = await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync());
        var serviceId = service.GetProperty("id").GetGuid();
        service.GetProperty("status").GetString().Should().Be("Active");
        service.Time("paidUntil").Should().Be(start.AddHours(1), "the hour that has begun is charged at once");
        var heard = 0;
        using var subscription = app.Services.GetRequiredService<Core.Live.ILiveEvents>().Subscribe(ServiceTopics.Services, e =>
        {
            if (e.Subject == clientId.ToString()) Interlocked.Increment(ref heard);
            return Task.CompletedTask;
        });

        await staff.AdvanceClockAsync(48);
        heard.Should().BeGreaterThanOrEqualTo(48, "open pages of the client hear of each hour's charge");

        var rows = await staff.TransactionsAsync(clientId);
        rows.Select(r => r.GetProperty("sequence").GetInt64()).Should().Equal(Enumerable.Range(1, 50).Select(i => (long)i));
        rows[0].GetProperty("type").GetString().Should().Be("Adjustment");
        rows[0].GetProperty("amount").GetDecimal().Should().Be(10m);
        var charges = Charges(rows);
        charges.Should().HaveCount(49, "the first hour at creation and one for each of the 48 hours the clock moved");
        for (var i = 0; i < charges.Count; i++)
        {
            var charge = charges[i];
            charge.GetProperty("serviceId").GetGuid().Should().Be(serviceId);
            charge.GetProperty("amount").GetDecimal().Should().Be(-0.01m);
            charge.GetProperty("rate").GetDecimal().Should().Be(0.01m);
            charge.Time("periodStart").Should().Be(start.AddHours(i));
            charge.Time("periodEnd").Should().Be(start.AddHours(i + 1));
            charge.GetProperty("balanceBefore").GetDecimal().Should().Be(10m - 0.01m * i);
            charge.GetProperty("balanceAfter").GetDecimal().Should().Be(10m - 0.01m * (i + 1));
        }
        // The hour's end names its day only when the hour crosses midnight (the shared clock may stand anywhere).
        var end = start.AddHours(1).Date == start.Date ? $"{start.AddHours(1):HH:mm}" : $"{start.AddHours(1):yyyy-MM-dd HH:mm}";
        charges[0].GetProperty("description").GetString().Should().MatchRegex(
            $@"^VPS-S #[0-9a-f]{{6}}, {start:yyyy-MM-dd HH:mm}–{end} UTC, 0\.0100 USD/h$");
        (await staff.BalanceAsync(clientId)).Should().Be(9.51m);
        (await staff.ServiceAsync(serviceId)).Time("paidUntil").Should().Be(start.AddHours(49));

        var again = await staff.PostAsync($"/api/admin/v1/schedules/{ServiceBilling.ScheduleKey}/run", null);
        again.StatusCode.Should().Be(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        (await staff.TransactionsAsync(clientId)).Should().HaveCount(50, "a second run of the same hour charges nothing");
        await AssertLedgersReconcileAsync();
    }

    /// <summary>Staff's flags stay staff's: the client's API shows neither a service's manual mode (in the list as on the page) nor the client's status.</summary>
    [Fact]
    public async Task The_client_api_shows_neither_manual_mode_nor_the_clients_status()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        var serviceId = (await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync(), startNow: false)).GetProperty("id").GetGuid();
        (await staff.PutAsJsonAsync($"/api/admin/v1/services/{serviceId}", new { isManual = true })).StatusCode.Should().Be(HttpStatusCode.OK);
        var client = await staff.ClientAsync(clientId);
        (await staff.PutAsJsonAsync($"/api/admin/v1/clients/{clientId}", new
        {
            firstName = client.GetProperty("firstName").GetString(), lastName = client.GetProperty("lastName").GetString(), language = "en",
            currencyId = client.GetProperty("currencyId").GetGuid(), status = "Fraud",
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        var api = await app.OwnerApiClientAsync(clientId);

        var list = await (await api.GetAsync("/api/client/v1/services")).JsonAsync();
        list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == serviceId).GetProperty("isManual").GetBoolean().Should().BeFalse();
        (await (await api.GetAsync($"/api/client/v1/services/{serviceId}")).JsonAsync()).GetProperty("isManual").GetBoolean().Should().BeFalse();
        (await (await api.GetAsync("/api/client/v1/profile")).JsonAsync()).TryGetProperty("status", out _).Should().BeFalse();
        (await staff.ServiceAsync(serviceId)).GetProperty("isManual").GetBoolean().Should().BeTrue("staff still see it");
    }

    [Fact]
    public async Task Short_funds_suspend_the_service_and_returning_funds_unsuspend_it_without_charging_the_suspended_hours()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 0.03m);
        var start = await NowAsync(staff);
        var serviceId = (await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync())).GetProperty("id").GetGuid();

        await staff.AdvanceClockAsync(3);
        var suspended = await staff.ServiceAsync(serviceId);
        suspended.GetProperty("status").GetString().Should().Be("Suspended");
        suspended.GetProperty("suspensionReason").GetString().Should().Be(SuspensionReasons.FundsShort);
        suspended.Time("suspendedAt").Should().Be(start.AddHours(3), "the fourth hour was due and 0.00 does not cover it");
        var mine = await (await (await app.OwnerApiClientAsync(clientId)).GetAsync($"/api/client/v1/services/{serviceId}")).JsonAsync();
        mine.GetProperty("suspensionReason").GetString().Should().Be(SuspensionReasons.FundsShort, "the client sees why its service stopped, as the suspend dialog tells staff");
        (await staff.BalanceAsync(clientId)).Should().Be(0m);

        await staff.AdvanceClockAsync(5);
        Charges(await staff.TransactionsAsync(clientId)).Should().HaveCount(3, "nothing is charged while suspended");

        await staff.AdjustAsync(clientId, 1m);
        await staff.AdvanceClockAsync(1);
        var back = await staff.ServiceAsync(serviceId);
        back.GetProperty("status").GetString().Should().Be("Active");
        var charges = Charges(await staff.TransactionsAsync(clientId));
        charges.Select(c => c.Time("periodStart")).Should().Equal(start, start.AddHours(1), start.AddHours(2), start.AddHours(9));
        (await staff.BalanceAsync(clientId)).Should().Be(0.99m);
        var history = await (await staff.GetAsync($"/api/admin/v1/services/{serviceId}/events")).JsonAsync();
        history.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Should().ContainInOrder("Unsuspended", "Suspended", "Activated", "Ordered");
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// An idle service suspended for short funds comes back when the balance covers its next charge at the idle price, the
    /// one billing takes. It was priced awake: with 5.00 for a 4.80 idle day it stayed suspended until the product's
    /// termination delay ended it.
    /// </summary>
    [Fact]
    public async Task An_idle_service_suspended_for_short_funds_comes_back_when_funds_cover_its_idle_charge()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Idle Funds Ltd");
        await staff.AdjustAsync(clientId, 24m);
        var product = await staff.CreatePricedProductAsync("Daily", 24m, idle: 4.8m, allowIdle: true, hourlyBilling: false, terminationDelayHours: 72, name: "Idle funds");
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/idle", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        // Put idle at once, the paid day is credited at the idle price ((4.80 − 24) × 1): taken back, so that the next day finds nothing.
        await staff.AdjustAsync(clientId, -19.2m, "the idle credit taken back");

        await staff.AdvanceClockAsync(24);
        (await staff.ServiceAsync(serviceId)).GetProperty("status").GetString().Should().Be("Suspended", "0.00 does not cover the idle day");

        await staff.AdjustAsync(clientId, 5m);
        await staff.AdvanceClockAsync(1);
        var back = await staff.ServiceAsync(serviceId);
        (back.GetProperty("status").GetString(), back.GetProperty("isIdle").GetBoolean()).Should().Be(("Active", true));
        Charges(await staff.TransactionsAsync(clientId)).Select(c => c.GetProperty("amount").GetDecimal()).Should().Equal(-24m, -4.8m);
        (await staff.BalanceAsync(clientId)).Should().Be(0.2m);
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// Billing did not run for five hours (the node was down) while a metered service ran on a balance that covered one
    /// more hour. The four hours it used are owed and charged, the balance going below zero; the hour that has begun is
    /// not covered, so the service is suspended. Before, billing stopped at the first uncovered hour and the unsuspension
    /// restarted from its own time: three used hours were never charged.
    /// </summary>
    [Fact]
    public async Task Hours_a_missed_billing_run_leaves_behind_are_charged_whatever_the_balance_and_the_hour_ahead_is_not()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Missed Run Ltd");
        await staff.AdjustAsync(clientId, 0.02m);
        var start = await NowAsync(staff);
        var serviceId = (await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync())).GetProperty("id").GetGuid();

        app.Services.GetRequiredService<BillingClock>().Manual!.Advance(TimeSpan.FromHours(5));
        await app.Services.GetRequiredService<ServiceBilling>().RunAsync(CancellationToken.None);

        var charges = Charges(await staff.TransactionsAsync(clientId));
        charges.Select(c => c.Time("periodStart")).Should().Equal(Enumerable.Range(0, 5).Select(h => start.AddHours(h)), "the first hour and the four used while billing was down");
        var owed = charges.Sum(c => c.GetProperty("amount").GetDecimal());
        (await staff.BalanceAsync(clientId)).Should().Be(0.02m + owed).And.BeLessThan(0m);
        var service = await staff.ServiceAsync(serviceId);
        service.GetProperty("status").GetString().Should().Be("Suspended");
        service.Time("suspendedAt").Should().Be(start.AddHours(5), "the hour from then on is not covered");
        await AssertLedgersReconcileAsync();
    }

    [Fact]
    public async Task Termination_charges_the_uninstall_price_once_and_billing_stops()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 5m);
        var serviceId = (await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync(uninstall: 2.5m))).GetProperty("id").GetGuid();

        var terminated = await staff.PostAsync($"/api/admin/v1/services/{serviceId}/terminate", null);
        terminated.StatusCode.Should().Be(HttpStatusCode.OK, await terminated.Content.ReadAsStringAsync());
        (await terminated.JsonAsync()).GetProperty("status").GetString().Should().Be("Terminated");
        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/terminate", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        await staff.AdvanceClockAsync(2);

        var charges = Charges(await staff.TransactionsAsync(clientId));
        charges.Select(c => (c.GetProperty("chargeKind").GetString(), c.GetProperty("amount").GetDecimal()))
            .Should().Equal(("Period", -0.01m), ("Uninstall", -2.5m));
        (await staff.BalanceAsync(clientId)).Should().Be(2.49m);
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// Time a service used while billing did not run (the scheduler down for two days, say) is charged when staff end or
    /// suspend it: billing never charges a terminated service, and an unsuspend starts again from its own moment, so those
    /// hours were lost. As billing would have: the hours and periods that ended whatever the balance, the hour begun while
    /// the balance covers it, not a period only begun.
    /// </summary>
    [Fact]
    public async Task Terminating_or_suspending_charges_the_time_used_since_billing_last_ran()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Outage Ltd");
        await staff.AdjustAsync(clientId, 100m);
        var metered = await staff.CreatePricedProductAsync(name: "Used hours");
        var ended = (await staff.CreateServiceAsync(clientId, metered)).GetProperty("id").GetGuid();
        var suspended = (await staff.CreateServiceAsync(clientId, metered)).GetProperty("id").GetGuid();
        var daily = (await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync("Daily", 24m, hourlyBilling: false, name: "Used days")))
            .GetProperty("id").GetGuid();
        var shortClientId = await staff.CreateBillingClientAsync("Outage Short Ltd");
        await staff.AdjustAsync(shortClientId, 0.01m);
        var unfunded = (await staff.CreateServiceAsync(shortClientId, metered)).GetProperty("id").GetGuid();
        var start = await NowAsync(staff);
        var clock = app.Services.GetRequiredService<BillingClock>().Manual!;
        clock.Advance(TimeSpan.FromHours(50)); // no billing run meanwhile

        // On the hour: the hour that starts now has not begun.
        (await staff.PostAsync($"/api/admin/v1/services/{ended}/terminate", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await staff.PostAsync($"/api/admin/v1/services/{daily}/terminate", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(30));
        (await staff.PostAsJsonAsync($"/api/admin/v1/services/{suspended}/suspend", new { reason = "Abuse report" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await staff.PostAsync($"/api/admin/v1/services/{unfunded}/terminate", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(30)); // the class's clock goes on from a whole hour

        var charges = Charges(await staff.TransactionsAsync(clientId));
        List<DateTime> StartsOf(Guid id) => charges.Where(c => c.GetProperty("serviceId").GetGuid() == id).Select(c => c.Time("periodStart")).ToList();
        var hours = Enumerable.Range(0, 51).Select(h => start.AddHours(h)).ToList();
        StartsOf(ended).Should().Equal(hours.SkipLast(1), "the first hour at creation and the 49 that ended since");
        StartsOf(suspended).Should().Equal(hours, "half an hour later, the hour begun is charged too");
        StartsOf(daily).Should().Equal([start, start.AddDays(1)], "the day that ended is charged, the day only begun is not");
        Charges(await staff.TransactionsAsync(shortClientId)).Select(c => c.Time("periodStart")).Should().Equal(hours.SkipLast(1),
            "the hours that ended are owed whatever the balance; the one begun only when the balance covers it, as billing does");
        (await staff.BalanceAsync(clientId)).Should().Be(100m + charges.Sum(c => c.GetProperty("amount").GetDecimal()));
        // 0.01 an hour in December and January (the class's clock stays in those months).
        (await HistoryAsync(staff, ended)).Should().Contain("Terminated. 0.49 USD charged for the time used since billing last ran.");
        (await HistoryAsync(staff, suspended)).Should().Contain("Suspended: Abuse report. 0.50 USD charged for the time used since billing last ran.");
        (await staff.ServiceAsync(suspended)).Time("paidUntil").Should().Be(start.AddHours(51));
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// A manual service (no automatic suspension) whose termination is asked for ends when its paid time does: billing stops
    /// charging a service once asked, and the termination schedule skipped manual ones, so it ran on unpaid for good.
    /// </summary>
    [Fact]
    public async Task A_manual_service_whose_termination_is_asked_for_ends_when_its_paid_time_does()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Manual End Ltd");
        await staff.AdjustAsync(clientId, 100m);
        var serviceId = (await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync("Daily", 24m, hourlyBilling: false, name: "Manual"))).GetProperty("id").GetGuid();
        (await staff.PutAsJsonAsync($"/api/admin/v1/services/{serviceId}", new { isManual = true })).EnsureSuccessStatusCode();
        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/request-termination", null)).EnsureSuccessStatusCode();

        await staff.AdvanceClockAsync(12);
        (await staff.ServiceAsync(serviceId)).GetProperty("status").GetString().Should().Be("Active", "its paid day is not over");
        await staff.AdvanceClockAsync(13);
        (await staff.ServiceAsync(serviceId)).GetProperty("status").GetString().Should().Be("Terminated");
        Charges(await staff.TransactionsAsync(clientId)).Select(c => c.GetProperty("amount").GetDecimal()).Should().Equal(-24m);
        await AssertLedgersReconcileAsync();
    }

    [Fact]
    public async Task A_suspension_reason_too_long_or_billing_s_own_is_a_field_error()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        var serviceId = (await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync())).GetProperty("id").GetGuid();
        var suspend = $"/api/admin/v1/services/{serviceId}/suspend";

        var tooLong = await staff.PostAsJsonAsync(suspend, new { reason = new string('x', 201) });
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest, "PostgreSQL refused it with a 500");
        var billings = await staff.PostAsJsonAsync(suspend, new { reason = " funds short " });
        billings.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the schedule would lift it once funds cover the service");
        (await billings.JsonAsync()).GetProperty("errors").GetProperty("reason")[0].GetString().Should().Contain("is the reason billing gives");
        (await staff.ServiceAsync(serviceId)).GetProperty("status").GetString().Should().Be("Active");
    }

    [Fact]
    public async Task Switching_up_and_down_posts_the_fee_and_prorates_the_rest_of_the_paid_period()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 100m);
        var small = await staff.CreatePricedProductAsync("Daily", 24m, hourlyBilling: false, name: "Small");
        var large = await staff.CreatePricedProductAsync("Daily", 48m, hourlyBilling: false, name: "Large", switchUp: 1m);
        var tiny = await staff.CreatePricedProductAsync("Daily", 12m, hourlyBilling: false, name: "Tiny", switchDown: 0.5m);
        var start = await NowAsync(staff);
        var serviceId = (await staff.CreateServiceAsync(clientId, small)).GetProperty("id").GetGuid();

        // 6 of the paid day's 24 hours gone: 18/24 = 75 % left. Up: (48 − 24) × 0.75 = 18.00 and the fee 1.00: previewed first,
        // by the switch itself in a transaction rolled back, which leaves nothing behind.
        await staff.AdvanceClockAsync(6);
        var preview = await (await staff.GetAsync($"/api/admin/v1/services/{serviceId}/change-package/preview?productPriceId={large.Price}")).JsonAsync();
        preview.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("description").GetString()!.Split(", ", 2)[1], l.GetProperty("amount").GetDecimal()))
            .Should().Equal(("switch up fee", -1m), ("switch up for the 75 % of the paid period left", -18m));
        (preview.GetProperty("net").GetDecimal(), preview.GetProperty("refusal").ValueKind).Should().Be((19m, JsonValueKind.Null));
        (await staff.TransactionsAsync(clientId)).Should().HaveCount(2, "the top-up and the first day: the preview wrote nothing");
        (await staff.ServiceAsync(serviceId)).GetProperty("productName").GetString().Should().Be("Small");
        var up = await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = large.Price });
        up.StatusCode.Should().Be(HttpStatusCode.OK, await up.Content.ReadAsStringAsync());
        (await up.JsonAsync()).GetProperty("productName").GetString().Should().Be("Large");
        // 12 hours later, 25 % left. Down from the price in force: (12 − 48) × 0.25 = −9.00 back, and the fee 0.50.
        // The day then cost 24 × 0.25 + 48 × 0.5 + 12 × 0.25 = 33.00 = 24 + 18 − 9.
        await staff.AdvanceClockAsync(12);
        var down = await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = tiny.Price });
        down.StatusCode.Should().Be(HttpStatusCode.OK, await down.Content.ReadAsStringAsync());
        // The next day is charged at the new price.
        await staff.AdvanceClockAsync(6);

        var rows = (await staff.TransactionsAsync(clientId)).Skip(1)
            .Select(r => (r.GetProperty("type").GetString(), r.GetProperty("chargeKind").GetString(), r.GetProperty("amount").GetDecimal())).ToList();
        rows.Should().Equal(
            ("Charge", "Period", -24m),
            ("Charge", "Switch", -1m),
            ("Charge", "Proration", -18m),
            ("Charge", "Switch", -0.5m),
            ("Adjustment", "Proration", 9m),
            ("Charge", "Period", -12m));
        (await staff.BalanceAsync(clientId)).Should().Be(100m - 24m - 1m - 18m - 0.5m + 9m - 12m);
        (await staff.ServiceAsync(serviceId)).Time("paidUntil").Should().Be(start.AddDays(2));
        var refused = await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = (await staff.CreatePricedProductAsync("Monthly", 5m, hourlyBilling: false)).Price });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a daily price paid in advance switches only to another daily price");
        await AssertLedgersReconcileAsync();
    }

    /// <summary>Hours a late billing run has not charged yet ran on the old package: a switch charges them at its price first, then prorates the hour begun.</summary>
    [Fact]
    public async Task A_switch_after_a_missed_run_charges_the_hours_that_ran_on_the_old_package_at_its_price()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 10m);
        var small = await staff.CreatePricedProductAsync(name: "Small");
        var large = await staff.CreatePricedProductAsync(price: 14.88m, name: "Large");
        var start = await NowAsync(staff);
        var serviceId = (await staff.CreateServiceAsync(clientId, small)).GetProperty("id").GetGuid();
        await staff.AdvanceClockAsync(1);

        // Billing is down for three hours; the switch comes at their end, as the fifth hour begins.
        app.Services.GetRequiredService<BillingClock>().Manual!.Advance(TimeSpan.FromHours(3));
        var up = await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = large.Price });
        up.StatusCode.Should().Be(HttpStatusCode.OK, await up.Content.ReadAsStringAsync());
        await app.Services.GetRequiredService<ServiceBilling>().RunAsync(CancellationToken.None);
        await staff.AdvanceClockAsync(1);

        var rows = Rows(Charges(await staff.TransactionsAsync(clientId)));
        rows.Select(r => (r.Kind, r.Amount, r.Start)).Should().Equal(
            [.. Enumerable.Range(0, 5).Select(h => ((string?)"Period", -0.01m, (DateTime?)start.AddHours(h))),
                ("Proration", -0.01m, start.AddHours(4)), ("Period", -0.02m, start.AddHours(5))],
            "hours 0 to 4 began on Small (0.01 an hour); the fifth is switched up for all of it, and the sixth is Large's (0.02)");
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// A metered service may switch to another period of its product. An option it keeps with no price in the new period
    /// would be billed as free from then on: the switch is refused, naming the option, until the option has such a price.
    /// </summary>
    [Fact]
    public async Task A_switch_to_a_period_a_kept_option_has_no_price_in_is_refused_naming_the_option()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Period Switch Ltd");
        await staff.AdjustAsync(clientId, 50m);
        var product = await staff.CreatePricedProductAsync("Monthly", 7.44m, name: "Metered VPS");
        var yearly = await staff.CreateForIdAsync($"/api/admin/v1/products/{product.Product}/prices", new { currencyId = await staff.UsdAsync(), period = "Annually", @base = 87.60m });
        var backup = await staff.CreateProductOptionAsync(product.Product, "Backup", 3.72m);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        (await staff.ChangeOptionsAsync(serviceId, backup)).StatusCode.Should().Be(HttpStatusCode.OK);

        var refused = await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = yearly });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        (await refused.JsonAsync()).GetProperty("errors").GetProperty("productPriceId")[0].GetString().Should().StartWith("The option Backup has no price per year in USD");
        (await staff.ServiceAsync(serviceId)).GetProperty("productPriceId").GetGuid().Should().Be(product.Price, "nothing changed");

        var group = (await (await staff.GetAsync($"/api/admin/v1/products/{product.Product}/option-groups")).JsonAsync())[0].GetProperty("optionGroupId").GetGuid();
        await staff.CreateForIdAsync($"/api/admin/v1/option-groups/{group}/options/{backup}/prices", new { currencyId = await staff.UsdAsync(), period = "Annually", @base = 43.80m });
        var switched = await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = yearly });
        switched.StatusCode.Should().Be(HttpStatusCode.OK, await switched.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// An idle service moved to a product that offers no idle was charged that product's idle price (nothing) for good, and
    /// could not be woken there. The switch now wakes it: the rest of the idle day costs the new full price, and the days
    /// after it too. A product's idle cannot be switched off under idle services, and waking needs no idle on offer.
    /// </summary>
    [Fact]
    public async Task An_idle_service_switched_to_a_product_without_idle_is_woken_and_pays_the_full_price()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Idle Switch Ltd");
        await staff.AdjustAsync(clientId, 200m);
        var idling = await staff.CreatePricedProductAsync("Daily", 24m, idle: 4.8m, allowIdle: true, hourlyBilling: false, name: "Idling");
        var plain = await staff.CreatePricedProductAsync("Daily", 48m, hourlyBilling: false, name: "No idle");
        var serviceId = (await staff.CreateServiceAsync(clientId, idling)).GetProperty("id").GetGuid();
        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/idle", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var offIdle = await staff.PutAsJsonAsync($"/api/admin/v1/products/{idling.Product}", new { allowIdle = false });
        offIdle.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await offIdle.Content.ReadAsStringAsync()).Should().Contain("Wake its idle services first.");

        // Put idle at once, the first day is credited at the idle price ((4.80 − 24) × 1, an adjustment). The second day is
        // charged idle; half of it gone, the switch: (48 − 4.80) × 0.5 = 21.60.
        await staff.AdvanceClockAsync(24 + 12);
        var switched = await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = plain.Price });
        switched.StatusCode.Should().Be(HttpStatusCode.OK, await switched.Content.ReadAsStringAsync());
        (await switched.JsonAsync()).GetProperty("isIdle").GetBoolean().Should().BeFalse();
        await staff.AdvanceClockAsync(12);

        Charges(await staff.TransactionsAsync(clientId)).Select(c => (c.GetProperty("chargeKind").GetString(), c.GetProperty("amount").GetDecimal()))
            .Should().Equal(("Period", -24m), ("Period", -4.8m), ("Proration", -21.6m), ("Period", -48m));
        (await HistoryAsync(staff, serviceId)).Should().Contain("Woken: the new product has no idle price; charged at the full price from the switch.");
        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/unidle", null)).StatusCode.Should().Be(HttpStatusCode.Conflict, "it is awake already");
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// Putting a service idle and waking it settle the rest of a period paid in advance at once, so that a package switch
    /// later prorates from what was paid. Settled only at the next charge, an idle day woken and then switched down was
    /// credited at the full price it never paid (in the audit's monthly figures 5.57 back for a month that cost 2.00).
    /// </summary>
    [Fact]
    public async Task Putting_idle_and_waking_settle_the_rest_of_the_paid_period_and_a_later_switch_prorates_from_it()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Idle Settle Ltd");
        await staff.AdjustAsync(clientId, 100m);
        var standard = await staff.CreatePricedProductAsync("Daily", 24m, idle: 4.8m, allowIdle: true, hourlyBilling: false, name: "Standard");
        var cheap = await staff.CreatePricedProductAsync("Daily", 12m, idle: 2.4m, allowIdle: true, hourlyBilling: false, name: "Cheap");
        var serviceId = (await staff.CreateServiceAsync(clientId, standard)).GetProperty("id").GetGuid();

        // Put idle at once: the whole paid day at the idle price, (4.80 − 24) × 1 = 19.20 back.
        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/idle", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        // The second day is charged idle; a quarter of it gone, woken: (24 − 4.80) × 0.75 = 14.40.
        await staff.AdvanceClockAsync(24 + 6);
        var preview = await (await staff.GetAsync($"/api/admin/v1/services/{serviceId}/idle/preview?idle=false")).JsonAsync();
        (preview.GetProperty("net").GetDecimal(), preview.GetProperty("lines").GetArrayLength()).Should().Be((14.4m, 1), "the preview is what waking posts");
        var woken = await staff.PostAsync($"/api/admin/v1/services/{serviceId}/unidle", null);
        woken.StatusCode.Should().Be(HttpStatusCode.OK, await woken.Content.ReadAsStringAsync());
        // Half of it gone, switched down from the full price now paid: (12 − 24) × 0.5 = 6.00 back. The day cost
        // 4.80 × 0.25 + 24 × 0.25 + 12 × 0.5 = 13.20 = 4.80 + 14.40 − 6.00 (the old figure: 4.80 − 6.00, less than nothing).
        await staff.AdvanceClockAsync(6);
        var switched = await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = cheap.Price });
        switched.StatusCode.Should().Be(HttpStatusCode.OK, await switched.Content.ReadAsStringAsync());
        await staff.AdvanceClockAsync(12);

        (await staff.TransactionsAsync(clientId)).Skip(1)
            .Select(r => (r.GetProperty("type").GetString(), r.GetProperty("chargeKind").GetString(), r.GetProperty("amount").GetDecimal())).Should().Equal(
                ("Charge", "Period", -24m),
                ("Adjustment", "Proration", 19.2m),
                ("Charge", "Period", -4.8m),
                ("Charge", "Proration", -14.4m),
                ("Adjustment", "Proration", 6m),
                ("Charge", "Period", -12m));
        (await staff.BalanceAsync(clientId)).Should().Be(100m - 24m + 19.2m - 4.8m - 14.4m + 6m - 12m);
        (await HistoryAsync(staff, serviceId)).Should().Contain(
            "Put idle: charged at the idle price from now. 19.20 USD credited for the 100 % of the paid period left.",
            "Woken: charged at the full price from now. 14.40 USD charged for the 75 % of the paid period left.");
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// An option added in a paid period and dropped by a switch to a product that does not offer it is credited for the
    /// rest of the period, as removing it would be: the switch valued the period with the options of its start only, so
    /// the option's proration was kept for time it no longer ran.
    /// </summary>
    [Fact]
    public async Task An_option_added_in_the_paid_period_and_dropped_by_a_switch_is_credited_for_the_rest_of_it()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Dropped Option Ltd");
        await staff.AdjustAsync(clientId, 100m);
        var withBackups = await staff.CreatePricedProductAsync("Daily", 24m, hourlyBilling: false, name: "With backups");
        var backups = await staff.CreateProductOptionAsync(withBackups.Product, "Backups", 4.8m, period: "Daily", group: "Backups");
        var plain = await staff.CreatePricedProductAsync("Daily", 24m, hourlyBilling: false, name: "Plain");
        var serviceId = (await staff.CreateServiceAsync(clientId, withBackups)).GetProperty("id").GetGuid();

        // A quarter of the day gone: Backups added, 4.80 × 0.75 = 3.60. Half gone: switched to Plain, which has no backups:
        // (24 − (24 + 4.80)) × 0.5 = 2.40 back.
        await staff.AdvanceClockAsync(6);
        (await staff.ChangeOptionsAsync(serviceId, backups)).StatusCode.Should().Be(HttpStatusCode.OK);
        await staff.AdvanceClockAsync(6);
        var switched = await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = plain.Price });
        switched.StatusCode.Should().Be(HttpStatusCode.OK, await switched.Content.ReadAsStringAsync());

        (await staff.TransactionsAsync(clientId)).Skip(1)
            .Select(r => (r.GetProperty("type").GetString(), r.GetProperty("chargeKind").GetString(), r.GetProperty("amount").GetDecimal())).Should().Equal(
                ("Charge", "Period", -24m),
                ("Charge", "Proration", -3.6m),
                ("Adjustment", "Proration", 2.4m));
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// The price the lists and the service page show is the one charged: the options included (the list showed the
    /// product's price alone), and the idle prices while idle (the page showed the full price of an idle service).
    /// </summary>
    [Fact]
    public async Task The_price_shown_is_the_one_charged_with_the_options_and_idle()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Shown Price Ltd");
        await staff.AdjustAsync(clientId, 100m);
        var product = await staff.CreatePricedProductAsync("Monthly", 10m, idle: 2m, allowIdle: true, hourlyBilling: false, name: "Priced");
        var ipv4 = await staff.CreateProductOptionAsync(product.Product, "Extra IPv4", 3m, group: "Addresses");
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        (await staff.ChangeOptionsAsync(serviceId, ipv4)).StatusCode.Should().Be(HttpStatusCode.OK);

        async Task<(decimal Listed, string? ListedText, string? PageText, decimal Option)> ShownAsync()
        {
            var row = (await (await staff.GetAsync($"/api/admin/v1/services?clientId={clientId}")).JsonAsync()).GetProperty("items")[0];
            var page = await staff.ServiceAsync(serviceId);
            return (row.GetProperty("price").GetDecimal(), row.GetProperty("priceText").GetString(), page.GetProperty("priceText").GetString(),
                page.GetProperty("options")[0].GetProperty("price").GetDecimal());
        }

        var awake = await ShownAsync();
        (awake.Listed, awake.Option).Should().Be((13m, 3m));
        awake.PageText.Should().Be(awake.ListedText);
        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/idle", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var idle = await ShownAsync();
        (idle.Listed, idle.Option).Should().Be((2m, 0m), "idle, the service costs its idle price and the option its idle price (none)");
        idle.PageText.Should().Be(idle.ListedText);
    }

    /// <summary>
    /// A client's orders start oldest first: while an earlier order is short of funds a later, cheaper one waits behind it,
    /// as the order page says ("kept for earlier orders"). The schedule started the cheaper one and spent the money the
    /// earlier order's top-up was asked for.
    /// </summary>
    [Fact]
    public async Task A_later_order_waits_behind_an_earlier_one_short_of_funds()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Queued Orders Ltd");
        await staff.AdjustAsync(clientId, 30m);
        var large = await staff.CreatePricedProductAsync("Daily", 50m, hourlyBilling: false, name: "Large");
        var small = await staff.CreatePricedProductAsync("Daily", 20m, hourlyBilling: false, name: "Small");
        var earlier = (await staff.CreateServiceAsync(clientId, large, startNow: false)).GetProperty("id").GetGuid();
        await staff.AdvanceClockAsync(1); // ordered an hour apart (the schedules it runs leave the short order waiting)
        var later = (await staff.CreateServiceAsync(clientId, small, startNow: false)).GetProperty("id").GetGuid();
        var automation = app.Services.GetRequiredService<ServiceAutomation>();

        await automation.CreatePendingAsync(CancellationToken.None);
        (await staff.ServiceAsync(later)).GetProperty("status").GetString().Should().Be("Pending", "30.00 is kept for the earlier order of 50.00");
        (await staff.BalanceAsync(clientId)).Should().Be(30m);

        await staff.AdjustAsync(clientId, 40m);
        await automation.CreatePendingAsync(CancellationToken.None);
        (await staff.ServiceAsync(earlier)).GetProperty("status").GetString().Should().Be("Active");
        (await staff.ServiceAsync(later)).GetProperty("status").GetString().Should().Be("Active");
        (await staff.BalanceAsync(clientId)).Should().Be(0m);
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// A settlement is valued at today's prices, but never gives back more than the period cost: after the price was raised
    /// from 24 to 200 a day, putting the service idle credited 195.20 for a day that cost 24.
    /// </summary>
    [Fact]
    public async Task Putting_idle_after_a_price_rise_gives_back_at_most_what_the_period_cost()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Price Rise Ltd");
        await staff.AdjustAsync(clientId, 24m);
        var product = await staff.CreatePricedProductAsync("Daily", 24m, idle: 4.8m, allowIdle: true, hourlyBilling: false, name: "Rising");
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        (await staff.PutAsJsonAsync($"/api/admin/v1/products/{product.Product}/prices/{product.Price}", new { @base = 200m })).StatusCode.Should().Be(HttpStatusCode.OK);

        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/idle", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await staff.TransactionsAsync(clientId)).Skip(1).Select(r => (r.GetProperty("chargeKind").GetString(), r.GetProperty("amount").GetDecimal()))
            .Should().Equal(("Period", -24m), ("Proration", 24m));
        (await staff.BalanceAsync(clientId)).Should().Be(24m);
        await AssertLedgersReconcileAsync();
    }

    [Fact]
    public async Task Removing_an_option_after_its_price_rose_gives_back_at_most_what_is_unused_of_what_was_paid()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Option Rise Ltd");
        await staff.AdjustAsync(clientId, 30m);
        var product = await staff.CreatePricedProductAsync("Daily", 24m, hourlyBilling: false, name: "Backed up");
        var backups = await staff.CreateProductOptionAsync(product.Product, "Backups", 6m, period: "Daily");
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        (await staff.ChangeOptionsAsync(serviceId, backups)).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = app.CreateDbContext())
            (await db.ProductOptionPrices.Where(p => p.ProductOptionId == backups).ExecuteUpdateAsync(s => s.SetProperty(p => p.Base, 200m))).Should().Be(1);

        // Half the day left: 200.00 × 0.5 would give back 100.00; of the 30.00 paid for the day, 15.00 is unused.
        await staff.AdvanceClockAsync(12);
        (await staff.ChangeOptionsAsync(serviceId)).StatusCode.Should().Be(HttpStatusCode.OK);

        var rows = await staff.TransactionsAsync(clientId);
        rows[^1].GetProperty("chargeKind").GetString().Should().Be("Proration");
        rows[^1].GetProperty("amount").GetDecimal().Should().Be(15m);
        (await staff.BalanceAsync(clientId)).Should().Be(15m);
        await AssertLedgersReconcileAsync();
    }

    /// <summary>Waking charges the rest of the paid period at the full price: refused, with nothing written, when the balance does not cover it.</summary>
    [Fact]
    public async Task Waking_is_refused_with_nothing_written_when_the_balance_does_not_cover_the_rest_of_the_period()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Idle Short Ltd");
        await staff.AdjustAsync(clientId, 24m);
        var product = await staff.CreatePricedProductAsync("Daily", 24m, idle: 4.8m, allowIdle: true, hourlyBilling: false, name: "Sleepy");
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/idle", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await staff.AdjustAsync(clientId, -10m, "spent elsewhere");
        var rowsBefore = (await staff.TransactionsAsync(clientId)).Count;

        // Half the day gone: waking needs (24 − 4.80) × 0.5 = 9.60 of the 9.20 left.
        await staff.AdvanceClockAsync(12);
        var refused = await staff.PostAsync($"/api/admin/v1/services/{serviceId}/unidle", null);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("do not cover waking it for the rest of the paid period (9.60 USD)");
        (await staff.ServiceAsync(serviceId)).GetProperty("isIdle").GetBoolean().Should().BeTrue();
        (await staff.TransactionsAsync(clientId)).Count.Should().Be(rowsBefore);
        (await HistoryAsync(staff, serviceId)).Should().NotContain(h => h != null && h.StartsWith("Woken", StringComparison.Ordinal));

        await staff.AdjustAsync(clientId, 0.4m);
        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/unidle", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await staff.BalanceAsync(clientId)).Should().Be(0m);
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// A metered service moved to a monthly price paid in advance starts its first month where its paid hours end, and is
    /// charged a whole month for a whole month. The product's own hourly billing does not change under its services.
    /// </summary>
    [Fact]
    public async Task A_metered_service_switched_to_a_monthly_price_starts_a_whole_month_where_its_hours_end()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 100m);
        var metered = await staff.CreatePricedProductAsync("Monthly", 30m, hourlyBilling: true, name: "Metered");
        var monthly = await staff.CreatePricedProductAsync("Monthly", 30m, hourlyBilling: false, name: "Monthly");
        var serviceId = (await staff.CreateServiceAsync(clientId, metered)).GetProperty("id").GetGuid();
        await staff.AdvanceClockAsync(5);
        var hoursPaidUntil = (await staff.ServiceAsync(serviceId)).Time("paidUntil");

        var switched = await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = monthly.Price });
        switched.StatusCode.Should().Be(HttpStatusCode.OK, await switched.Content.ReadAsStringAsync());
        // An option taken on before the first month is charged comes with that month: the paid hour left is no month to prorate
        // (10.00 a month was charged for that one hour).
        var backups = await staff.CreateProductOptionAsync(monthly.Product, "Backups", 10m);
        (await staff.ChangeOptionsAsync(serviceId, backups)).StatusCode.Should().Be(HttpStatusCode.OK);
        await staff.AdvanceClockAsync(1);

        var transactions = await staff.TransactionsAsync(clientId);
        transactions.Should().NotContain(r => r.GetProperty("chargeKind").GetString() == "Proration");
        var month = Charges(transactions).Last();
        (month.GetProperty("amount").GetDecimal(), month.Time("periodStart"), month.Time("periodEnd"))
            .Should().Be((-40m, hoursPaidUntil, hoursPaidUntil.AddMonths(1)), "a whole month with its option, from the end of the paid hours");

        var toggle = await staff.PutAsJsonAsync($"/api/admin/v1/products/{metered.Product}", new { hourlyBilling = false });
        toggle.StatusCode.Should().Be(HttpStatusCode.OK, "the metered product has no service any more");
        var refused = await staff.PutAsJsonAsync($"/api/admin/v1/products/{monthly.Product}", new { hourlyBilling = true });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.JsonAsync()).GetProperty("errors").GetProperty("hourlyBilling")[0].GetString().Should().StartWith("Hourly billing can change only while");
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// What services were sold at stays: their price row, the option they hold, its price for their currency and period and
    /// its group are refused deletion with a reason (they failed on the database's restrict with a 500, or, for the
    /// option's price, made the option free from then on).
    /// </summary>
    [Fact]
    public async Task Prices_and_options_that_services_were_sold_at_are_not_deleted()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 50m);
        var product = await staff.CreatePricedProductAsync("Monthly", 10m, hourlyBilling: false, name: "Sold box");
        var backups = await staff.CreateProductOptionAsync(product.Product, "Backups", 2m, group: "Backups");
        (await staff.PostAsJsonAsync("/api/admin/v1/services",
            new { clientId, productId = product.Product, productPriceId = product.Price, optionIds = new[] { backups }, startNow = true })).StatusCode.Should().Be(HttpStatusCode.Created);
        var group = (await (await staff.GetAsync($"/api/admin/v1/products/{product.Product}/option-groups")).JsonAsync())[0].GetProperty("optionGroupId").GetGuid();
        var optionPrice = (await (await staff.GetAsync($"/api/admin/v1/option-groups/{group}/options/{backups}/prices")).JsonAsync())[0].GetProperty("id").GetGuid();

        async Task ExpectRefusedAsync(HttpResponseMessage response, string text)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
            (await response.Content.ReadAsStringAsync()).Should().Contain(text);
        }
        await ExpectRefusedAsync(await staff.DeleteAsync($"/api/admin/v1/products/{product.Product}/prices/{product.Price}"), "1 service(s) were sold at this price");
        await ExpectRefusedAsync(await staff.DeleteAsync($"/api/admin/v1/option-groups/{group}/options/{backups}/prices/{optionPrice}"),
            "1 service(s) holding this option are charged by this price");
        await ExpectRefusedAsync(await staff.DeleteAsync($"/api/admin/v1/option-groups/{group}/options/{backups}"), "1 service(s) hold this option");
        (await staff.DeleteAsync($"/api/admin/v1/products/{product.Product}/option-groups/{group}")).IsSuccessStatusCode.Should().BeTrue();
        await ExpectRefusedAsync(await staff.DeleteAsync($"/api/admin/v1/option-groups/{group}"), "1 service(s) hold options of this group");

        Charges(await staff.TransactionsAsync(clientId)).Select(c => c.GetProperty("amount").GetDecimal()).Should().Equal([-12m], "the first month with the option");
        await using var db = app.CreateDbContext();
        (await db.ServiceOptions.CountAsync(o => o.ProductOptionId == backups)).Should().Be(1);
    }

    /// <summary>A package change to a stock-controlled product takes a unit of it, as an order does, and is refused when none is left.</summary>
    [Fact]
    public async Task A_package_change_to_a_stock_controlled_product_takes_a_unit_and_is_refused_without_one()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 100m);
        var small = await staff.CreatePricedProductAsync("Daily", 24m, hourlyBilling: false, name: "Small");
        var large = await staff.CreatePricedProductAsync("Daily", 48m, hourlyBilling: false, name: "Large");
        (await staff.PutAsJsonAsync($"/api/admin/v1/products/{large.Product}", new { stockControl = true, stockQuantity = 0 })).EnsureSuccessStatusCode();
        var serviceId = (await staff.CreateServiceAsync(clientId, small)).GetProperty("id").GetGuid();
        Task<HttpResponseMessage> SwitchAsync() => staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = large.Price });
        async Task<int> StockAsync() => (await (await staff.GetAsync($"/api/admin/v1/products/{large.Product}")).JsonAsync()).GetProperty("stockQuantity").GetInt32();

        var refused = await SwitchAsync();
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.JsonAsync()).GetProperty("errors").GetProperty("productPriceId")[0].GetString().Should().Be(ServiceSteps.OutOfStock);
        (await staff.ServiceAsync(serviceId)).GetProperty("productName").GetString().Should().Be("Small");

        (await staff.PutAsJsonAsync($"/api/admin/v1/products/{large.Product}", new { stockQuantity = 1 })).EnsureSuccessStatusCode();
        (await SwitchAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        (await StockAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Simultaneous_switches_to_one_price_charge_its_fee_and_proration_once()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 100m);
        var small = await staff.CreatePricedProductAsync("Daily", 24m, hourlyBilling: false, name: "Small");
        var large = await staff.CreatePricedProductAsync("Daily", 48m, hourlyBilling: false, name: "Large", switchUp: 1m);
        var serviceId = (await staff.CreateServiceAsync(clientId, small)).GetProperty("id").GetGuid();
        await staff.AdvanceClockAsync(6);

        // A double submit or an API retry: five requests for the same switch at once.
        var responses = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = large.Price })));

        var bodies = string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())));
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1, bodies);
        responses.Where(r => r.StatusCode != HttpStatusCode.OK).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Conflict, bodies);
        var rows = await staff.TransactionsAsync(clientId);
        rows.Count(r => r.GetProperty("chargeKind").GetString() == "Switch").Should().Be(1);
        rows.Count(r => r.GetProperty("chargeKind").GetString() == "Proration").Should().Be(1);
        (await staff.BalanceAsync(clientId)).Should().Be(100m - 24m - 1m - 18m, "one day at 24.00, the fee once and (48 − 24) × 0.75 once");
        await AssertLedgersReconcileAsync();
    }

    [Fact]
    public async Task Two_simultaneous_option_changes_in_one_group_leave_one_option_of_it()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 100m);
        var product = await staff.CreatePricedProductAsync("Monthly", 20m, hourlyBilling: false, name: "Box");
        var daily = await staff.CreateProductOptionAsync(product.Product, "Daily backups", 10m, group: "Backups");
        var weekly = await staff.CreateOptionBesideAsync(product.Product, "Weekly backups", 5m);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        await staff.AdvanceClockAsync(1);

        // Two people pick an option of the same group at once, each from the service without options.
        var responses = await Task.WhenAll(staff.ChangeOptionsAsync(serviceId, daily), staff.ChangeOptionsAsync(serviceId, weekly));

        var bodies = string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())));
        responses.Should().Contain(r => r.StatusCode == HttpStatusCode.OK, bodies);
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict, bodies);
        (await staff.ServiceAsync(serviceId)).GetProperty("options").GetArrayLength().Should().Be(1, "at most one option of a group, however the changes meet");
        (await HistoryAsync(staff, serviceId)).Count(h => h!.StartsWith("Options changed")).Should().Be(responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        await AssertLedgersReconcileAsync();
    }

    private static List<(string? Type, string? Kind, decimal Amount, DateTime? Start, DateTime? End, string? Description)> Rows(IEnumerable<JsonElement> rows) =>
        rows.Select(r => (r.GetProperty("type").GetString(), r.GetProperty("chargeKind").GetString(), r.GetProperty("amount").GetDecimal(),
            r.GetProperty("periodStart").ValueKind == JsonValueKind.Null ? (DateTime?)null : r.Time("periodStart"),
            r.GetProperty("periodEnd").ValueKind == JsonValueKind.Null ? (DateTime?)null : r.Time("periodEnd"),
            r.GetProperty("description").GetString())).ToList();

    private static async Task<List<string?>> HistoryAsync(HttpClient staff, Guid serviceId) =>
        (await (await staff.GetAsync($"/api/admin/v1/services/{serviceId}/events")).JsonAsync()).EnumerateArray().Select(e => e.GetProperty("text").GetString()).ToList();

    [Fact]
    public async Task An_option_added_to_a_metered_service_is_charged_from_the_next_hour_and_a_removed_one_stops_from_the_next_hour()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 10m);
        var product = await staff.CreatePricedProductAsync(name: "Metered");
        // 3.72 USD a month is 0.0050 an hour in a 744-hour month: with the option the rate is 0.0100 + 0.0050 = 0.0150.
        var extraIp = await staff.CreateProductOptionAsync(product.Product, "Extra IP", 3.72m, group: "Network");
        var start = await NowAsync(staff);
        start.Month.Should().BeOneOf([12, 1], "the figures assume a 744-hour month (the test clock starts on 1 December)");
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        await staff.AdvanceClockAsync(2);

        // At start + 2 h the hour start+2 → start+3 is paid already (in advance, without the option).
        var added = await staff.ChangeOptionsAsync(serviceId, extraIp);
        added.StatusCode.Should().Be(HttpStatusCode.OK, await added.Content.ReadAsStringAsync());
        var afterAdd = await added.JsonAsync();
        (afterAdd.GetProperty("hourlyRate").GetDecimal(), afterAdd.GetProperty("hourlyRateText").GetString(), afterAdd.GetProperty("hourlyRateBasis").GetString())
            .Should().Be((0.015m, "$0.0150", "$11.16 ÷ 744 h"), "the page shows the rate of the next hour charged, the option included");
        afterAdd.GetProperty("uninstallText").GetString().Should().Be("$0.00");
        var option = afterAdd.GetProperty("options").EnumerateArray().Single();
        (option.GetProperty("optionId").GetGuid(), option.GetProperty("optionName").GetString()).Should().Be((extraIp, "Extra IP"));
        option.Time("addedAt").Should().Be(start.AddHours(2));
        (await staff.TransactionsAsync(clientId)).Should().HaveCount(1 + 3, "a metered service posts nothing when an option is added");
        await staff.AdvanceClockAsync(3);
        var removed = await staff.ChangeOptionsAsync(serviceId);
        removed.StatusCode.Should().Be(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());
        (await removed.JsonAsync()).GetProperty("options").GetArrayLength().Should().Be(0);
        await staff.AdvanceClockAsync(2);

        var rows = Rows(Charges(await staff.TransactionsAsync(clientId)));
        var expected = new[] { 0.01m, 0.01m, 0.01m, 0.015m, 0.015m, 0.015m, 0.01m, 0.01m }
            .Select((rate, i) => ((string?)"Charge", (string?)"Period", -rate, (DateTime?)start.AddHours(i), (DateTime?)start.AddHours(i + 1))).ToList();
        rows.Select(r => (r.Type, r.Kind, r.Amount, r.Start, r.End)).Should().Equal(expected,
            "the option counts from the hour after it was added (start + 3 h) until the hour it was removed in (start + 5 h), which stays charged");
        rows[3].Description.Should().EndWith(", 0.0150 USD/h");
        (await staff.BalanceAsync(clientId)).Should().Be(10m - 5 * 0.01m - 3 * 0.015m);
        (await HistoryAsync(staff, serviceId)).Should().ContainInOrder(
            "Options changed: removed Extra IP; the hourly rate follows from the next hour.",
            "Options changed: added Extra IP; the hourly rate follows from the next hour.");
        await AssertLedgersReconcileAsync();
    }

    /// <summary>Hours a late billing run has not charged yet are charged with the option they began with, not without it once it is removed.</summary>
    [Fact]
    public async Task Removing_an_option_of_a_metered_service_after_a_missed_run_charges_the_hours_begun_with_it()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 10m);
        var product = await staff.CreatePricedProductAsync(name: "Metered");
        var extraIp = await staff.CreateProductOptionAsync(product.Product, "Extra IP", 3.72m, group: "Network");
        var start = await NowAsync(staff);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        (await staff.ChangeOptionsAsync(serviceId, extraIp)).StatusCode.Should().Be(HttpStatusCode.OK);
        await staff.AdvanceClockAsync(1);

        // Billing is down for three hours; the option is removed at their end.
        app.Services.GetRequiredService<BillingClock>().Manual!.Advance(TimeSpan.FromHours(3));
        var removed = await staff.ChangeOptionsAsync(serviceId);
        removed.StatusCode.Should().Be(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());
        await app.Services.GetRequiredService<ServiceBilling>().RunAsync(CancellationToken.None);
        await staff.AdvanceClockAsync(1);

        var rows = Rows(Charges(await staff.TransactionsAsync(clientId)));
        rows.Select(r => (r.Amount, r.Start)).Should().Equal(new[] { 0.01m, 0.015m, 0.015m, 0.015m, 0.015m, 0.01m }.Select((rate, i) => (-rate, (DateTime?)start.AddHours(i))),
            "the first hour began without the option; hours 1 to 4 began with it (the fourth as it was removed) and the next without");
        await AssertLedgersReconcileAsync();
    }

    [Fact]
    public async Task An_option_added_to_a_period_paid_in_advance_is_charged_for_the_rest_of_the_period_and_a_removed_one_credited()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 40m);
        var product = await staff.CreatePricedProductAsync("Monthly", 20m, hourlyBilling: false, name: "Box");
        var backups = await staff.CreateProductOptionAsync(product.Product, "Daily backups", 10m, group: "Backups");
        var start = await NowAsync(staff);
        start.Month.Should().BeOneOf([12, 1], "the paid month has 31 days (744 hours) when it starts in December or January");
        var service = await staff.CreateServiceAsync(clientId, product);
        var serviceId = service.GetProperty("id").GetGuid();
        var title = service.GetProperty("title").GetString();
        var end = start.AddMonths(1);
        service.Time("paidUntil").Should().Be(end);

        // 6 of the month's 744 hours gone: 738/744 left. 10.00 × 738 / 744 = 9.919354… → 9.9194.
        await staff.AdvanceClockAsync(6);
        var offer = await (await staff.GetAsync($"/api/admin/v1/services/{serviceId}/options?optionIds={backups}")).JsonAsync();
        var group = offer.GetProperty("groups").EnumerateArray().Single();
        (group.GetProperty("name").GetString(), group.GetProperty("chosenOptionId").ValueKind).Should().Be(("Backups", JsonValueKind.Null));
        group.GetProperty("options")[0].GetProperty("price").GetDecimal().Should().Be(10m);
        var preview = offer.GetProperty("preview");
        preview.GetProperty("net").GetDecimal().Should().Be(9.9194m, "the preview is what the change posts");
        preview.GetProperty("isCovered").GetBoolean().Should().BeTrue();
        preview.GetProperty("lines")[0].GetProperty("description").GetString().Should().EndWith("option Daily backups added for the 99.19 % of the paid period left");
        var added = await staff.ChangeOptionsAsync(serviceId, backups);
        added.StatusCode.Should().Be(HttpStatusCode.OK, await added.Content.ReadAsStringAsync());
        // 6 hours later 732/744 left: 10.00 × 732 / 744 = 9.838709… → 9.8387 back.
        await staff.AdvanceClockAsync(6);
        var removed = await staff.ChangeOptionsAsync(serviceId);
        removed.StatusCode.Should().Be(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());

        Rows((await staff.TransactionsAsync(clientId)).Skip(1)).Should().Equal(
            ("Charge", "Period", -20m, start, end, $"{title}, {start:yyyy-MM-dd HH:mm}–{end:yyyy-MM-dd HH:mm} UTC, monthly"),
            ("Charge", "Proration", -9.9194m, start.AddHours(6), end, $"{title}, option Daily backups added for the 99.19 % of the paid period left"),
            ("Adjustment", "Proration", 9.8387m, start.AddHours(12), end, $"{title}, option Daily backups removed for the 98.39 % of the paid period left"));
        (await staff.BalanceAsync(clientId)).Should().Be(40m - 20m - 9.9194m + 9.8387m);
        var after = await staff.ServiceAsync(serviceId);
        after.Time("paidUntil").Should().Be(end, "the change does not move the paid time");
        (await HistoryAsync(staff, serviceId)).Should().ContainInOrder(
            "Options changed: removed Daily backups; 9.8387 USD credited for the rest of the paid period.",
            "Options changed: added Daily backups; 9.9194 USD charged for the rest of the paid period.");
        await AssertLedgersReconcileAsync();
    }

    [Fact]
    public async Task Changing_options_refuses_an_option_of_another_product_and_a_change_the_funds_do_not_cover_and_writes_nothing()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 20m);
        var product = await staff.CreatePricedProductAsync("Monthly", 20m, hourlyBilling: false, name: "Box");
        var backups = await staff.CreateProductOptionAsync(product.Product, "Daily backups", 10m, group: "Backups");
        var other = await staff.CreatePricedProductAsync("Monthly", 5m, hourlyBilling: false, name: "Other");
        var foreign = await staff.CreateProductOptionAsync(other.Product, "Firewall", 1m, group: "Security");
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        await staff.AdvanceClockAsync(1);
        var ledger = await staff.TransactionsAsync(clientId);
        var history = await HistoryAsync(staff, serviceId);

        var notOffered = await staff.ChangeOptionsAsync(serviceId, foreign);
        notOffered.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await notOffered.JsonAsync()).GetProperty("errors").GetProperty("optionIds")[0].GetString().Should().Be("Choose options of the product's option groups only.");
        var twoOfAGroup = await staff.CreateOptionBesideAsync(product.Product, "Weekly backups");
        var two = await staff.ChangeOptionsAsync(serviceId, backups, twoOfAGroup);
        two.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await two.JsonAsync()).GetProperty("errors").GetProperty("optionIds")[0].GetString().Should().Be("Choose at most one option of each option group.");
        var leftOut = await staff.PutAsJsonAsync($"/api/admin/v1/services/{serviceId}/options", new { });
        leftOut.StatusCode.Should().Be(HttpStatusCode.OK, "a PUT keeps what it leaves out: the options stay as they are");

        // The month's 20.00 took the whole balance: the option's 10.00 × 743/744 = 9.9866 is not covered.
        var shortOfFunds = await staff.ChangeOptionsAsync(serviceId, backups);
        shortOfFunds.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await shortOfFunds.Content.ReadAsStringAsync()).Should().Contain("do not cover the options for the rest of the paid period (9.9866 USD)");

        (await staff.TransactionsAsync(clientId)).Select(r => r.GetProperty("id").GetGuid()).Should().Equal(ledger.Select(r => r.GetProperty("id").GetGuid()));
        (await staff.ServiceAsync(serviceId)).GetProperty("options").GetArrayLength().Should().Be(0);
        (await HistoryAsync(staff, serviceId)).Should().Equal(history);
        (await staff.BalanceAsync(clientId)).Should().Be(0m);

        // With a credit limit that covers it, the same change goes through.
        (await staff.PutAsJsonAsync($"/api/admin/v1/clients/{clientId}/credit-limit", new { creditLimit = 10m })).EnsureSuccessStatusCode();
        (await staff.ChangeOptionsAsync(serviceId, backups)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await staff.BalanceAsync(clientId)).Should().Be(-9.9866m);
        await AssertLedgersReconcileAsync();
    }

    [Fact]
    public async Task Changing_options_waits_while_a_period_has_begun_that_billing_has_not_charged_yet()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 10m);
        var product = await staff.CreatePricedProductAsync("Daily", 2.4m, hourlyBilling: false, name: "Day box");
        var backups = await staff.CreateProductOptionAsync(product.Product, "Daily backups", 0.48m, period: "Daily", group: "Backups");
        var start = await NowAsync(staff);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        // The day ends and the next begins, but billing has not run: the new day would be charged without the option.
        app.Services.GetRequiredService<BillingClock>().Manual!.Advance(TimeSpan.FromHours(24));

        var early = await staff.ChangeOptionsAsync(serviceId, backups);
        early.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).Should().Contain("Billing has not charged the service's current period yet");
        (await staff.ServiceAsync(serviceId)).GetProperty("options").GetArrayLength().Should().Be(0);

        await app.Services.GetRequiredService<ServiceBilling>().RunAsync(CancellationToken.None);
        var later = await staff.ChangeOptionsAsync(serviceId, backups);
        later.StatusCode.Should().Be(HttpStatusCode.OK, await later.Content.ReadAsStringAsync());
        Rows(Charges(await staff.TransactionsAsync(clientId))).Select(r => (r.Kind, r.Amount, r.Start)).Should().Equal(
            ("Period", -2.4m, start), ("Period", -2.4m, start.AddHours(24)), ("Proration", -0.48m, start.AddHours(24)));
        Charges(await staff.TransactionsAsync(clientId))[^1].GetProperty("description").GetString().Should().EndWith("option Daily backups added for the 100 % of the paid period left");
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// A due service that owes nothing at its price (a row made one-time behind the API's back: the API keeps a row's period)
    /// leaves billing with a line in its history. Left in, every batch of the run read it again and the run never ended,
    /// so that no client was charged any more.
    /// </summary>
    [Fact]
    public async Task A_due_service_that_owes_nothing_leaves_billing_and_the_run_ends()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 50m);
        var product = await staff.CreatePricedProductAsync("Daily", 2m, hourlyBilling: false, name: "Stuck box");
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        await using (var db = app.CreateDbContext())
            await db.ProductPrices.Where(p => p.Id == product.Price).ExecuteUpdateAsync(u => u.SetProperty(p => p.Period, PricePeriod.OneTime));
        app.Services.GetRequiredService<BillingClock>().Manual!.Advance(TimeSpan.FromHours(25));

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.Services.GetRequiredService<ServiceBilling>().RunAsync(limit.Token);

        var service = await staff.ServiceAsync(serviceId);
        service.GetProperty("nextChargeAt").ValueKind.Should().Be(JsonValueKind.Null);
        (await HistoryAsync(staff, serviceId)).Should().Contain("Billing found nothing to charge at the service's price (one-time); charges stopped.");
        (await staff.BalanceAsync(clientId)).Should().Be(48m, "the first day was charged when the service started, and nothing since");
    }

    [Fact]
    public async Task A_one_time_price_is_charged_once_at_the_start_and_never_again()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 20m);
        // A product without a name: its services and charges are named by the product's key, as the catalog lists it.
        var product = await staff.CreatePricedProductAsync("OneTime", 12.5m, setup: 2m, hourlyBilling: false, name: "");
        var productKey = (await (await staff.GetAsync($"/api/admin/v1/products/{product.Product}")).JsonAsync()).GetProperty("key").GetString();
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        (await staff.ServiceAsync(serviceId)).GetProperty("title").GetString().Should().StartWith($"{productKey} #");
        await staff.AdvanceClockAsync(3);
        (await staff.PostAsync($"/api/admin/v1/schedules/{ServiceBilling.ScheduleKey}/run", null)).EnsureSuccessStatusCode();

        Charges(await staff.TransactionsAsync(clientId)).Select(c => (c.GetProperty("chargeKind").GetString(), c.GetProperty("amount").GetDecimal()))
            .Should().Equal(("Setup", -2m), ("OneTime", -12.5m));
        var service = await staff.ServiceAsync(serviceId);
        service.GetProperty("status").GetString().Should().Be("Active");
        service.GetProperty("nextChargeAt").ValueKind.Should().Be(JsonValueKind.Null, "nothing recurs");
        (await staff.BalanceAsync(clientId)).Should().Be(5.5m);
    }

    /// <summary>
    /// Options ordered with a one-time price are part of it, as the order summary shows them: charged once with it, and
    /// counted in what the balance must cover to start. (They were shown in the total and never charged.)
    /// </summary>
    [Fact]
    public async Task The_options_of_a_one_time_price_are_charged_with_it_and_counted_in_what_starting_needs()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 50m);
        var product = await staff.CreatePricedProductAsync("OneTime", 12.5m, setup: 2m, hourlyBilling: false, name: "Licence box");
        var licence = await staff.CreateProductOptionAsync(product.Product, "Lifetime licence", 100m, period: "OneTime", group: "Licences");
        Task<HttpResponseMessage> OrderAsync(bool startNow) => staff.PostAsJsonAsync("/api/admin/v1/services",
            new { clientId, productId = product.Product, productPriceId = product.Price, optionIds = new[] { licence }, startNow });

        var refused = await OrderAsync(startNow: true);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict, await refused.Content.ReadAsStringAsync());
        (await refused.Content.ReadAsStringAsync()).Should().Contain("114.50 USD");
        await staff.AdjustAsync(clientId, 70m);
        (await OrderAsync(startNow: true)).StatusCode.Should().Be(HttpStatusCode.Created);

        Charges(await staff.TransactionsAsync(clientId)).Select(c => (c.GetProperty("chargeKind").GetString(), c.GetProperty("amount").GetDecimal()))
            .Should().Equal(("Setup", -2m), ("OneTime", -112.5m));
        (await staff.BalanceAsync(clientId)).Should().Be(5.5m);
    }

    [Fact]
    public async Task A_pending_service_starts_when_funds_cover_its_setup_and_first_charge_and_an_unpaid_one_is_cancelled_after_the_delay()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await staff.CreatePricedProductAsync(setup: 1m, cancellationDelayHours: 2);
        var funded = await staff.CreateBillingClientAsync("Funded Ltd");
        var unfunded = await staff.CreateBillingClientAsync("Unfunded Ltd");
        await staff.AdjustAsync(funded, 1.01m);
        var start = await NowAsync(staff);
        var fundedService = (await staff.CreateServiceAsync(funded, product, startNow: false)).GetProperty("id").GetGuid();
        var unfundedService = (await staff.CreateServiceAsync(unfunded, product, startNow: false)).GetProperty("id").GetGuid();
        (await staff.ServiceAsync(fundedService)).GetProperty("status").GetString().Should().Be("Pending");

        await staff.AdvanceClockAsync(1);
        (await staff.ServiceAsync(fundedService)).GetProperty("status").GetString().Should().Be("Active");
        Charges(await staff.TransactionsAsync(funded)).Select(c => (c.GetProperty("chargeKind").GetString(), c.GetProperty("amount").GetDecimal()))
            .Should().Equal(("Setup", -1m), ("Period", -0.01m));
        (await staff.ServiceAsync(unfundedService)).GetProperty("status").GetString().Should().Be("Pending");

        await staff.AdvanceClockAsync(2);
        var cancelled = await staff.ServiceAsync(unfundedService);
        cancelled.GetProperty("status").GetString().Should().Be("Cancelled");
        cancelled.Time("cancelledAt").Should().Be(start.AddHours(2));
        (await staff.TransactionsAsync(unfunded)).Should().BeEmpty();
        await AssertLedgersReconcileAsync();
    }

    /// <summary>
    /// "Create pending services" leaves alone what may not start: an order of a product taken off sale since, and one of a
    /// client flagged as fraud (or closed) since; both wait, funded as they are, for staff.
    /// </summary>
    [Fact]
    public async Task Pending_services_of_an_inactive_product_or_a_fraud_flagged_client_are_not_started_by_the_schedule()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await staff.CreatePricedProductAsync();
        var retired = await staff.CreatePricedProductAsync();
        var flagged = await staff.CreateBillingClientAsync("Flagged Ltd");
        var regular = await staff.CreateBillingClientAsync("Regular Ltd");
        await staff.AdjustAsync(flagged, 5m);
        await staff.AdjustAsync(regular, 5m);
        var ofFlagged = (await staff.CreateServiceAsync(flagged, product, startNow: false)).GetProperty("id").GetGuid();
        var ofRetired = (await staff.CreateServiceAsync(regular, retired, startNow: false)).GetProperty("id").GetGuid();
        var started = (await staff.CreateServiceAsync(regular, product, startNow: false)).GetProperty("id").GetGuid();
        var client = await staff.ClientAsync(flagged);
        (await staff.PutAsJsonAsync($"/api/admin/v1/clients/{flagged}", new
        {
            firstName = client.GetProperty("firstName").GetString(), lastName = client.GetProperty("lastName").GetString(),
            companyName = "Flagged Ltd", language = "en", currencyId = client.GetProperty("currencyId").GetGuid(), status = "Fraud",
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await staff.PutAsJsonAsync($"/api/admin/v1/products/{retired.Product}", new { isActive = false })).StatusCode.Should().Be(HttpStatusCode.OK);

        (await staff.PostAsync($"/api/admin/v1/schedules/{ServiceAutomation.ActivateKey}/run", null)).EnsureSuccessStatusCode();

        (await staff.ServiceAsync(started)).GetProperty("status").GetString().Should().Be("Active");
        (await staff.ServiceAsync(ofFlagged)).GetProperty("status").GetString().Should().Be("Pending");
        (await staff.ServiceAsync(ofRetired)).GetProperty("status").GetString().Should().Be("Pending");
        (await staff.BalanceAsync(flagged)).Should().Be(5m, "nothing was charged");
    }

    /// <summary>A free service is never short of funds: it starts, and goes on, while its client's balance is below zero.</summary>
    [Fact]
    public async Task A_free_service_starts_and_is_never_suspended_while_the_balance_is_negative()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Owes Ltd");
        await staff.AdjustAsync(clientId, -3m);
        var serviceId = (await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync(price: 0m, name: "Free tier"))).GetProperty("id").GetGuid();

        await staff.AdvanceClockAsync(3);

        var service = await staff.ServiceAsync(serviceId);
        service.GetProperty("status").GetString().Should().Be("Active");
        (await staff.BalanceAsync(clientId)).Should().Be(-3m);
    }

    /// <summary>
    /// Saving a product's General tab opened before orders took stock leaves the stock as the orders left it (it wrote back
    /// the count it was loaded with, so stock sold meanwhile was sold again); a new count typed over a stale one is refused.
    /// </summary>
    [Fact]
    public async Task Saving_a_product_form_loaded_before_orders_took_stock_keeps_what_they_took()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await staff.CreatePricedProductAsync();
        (await staff.PutAsJsonAsync($"/api/admin/v1/products/{product.Product}", new { stockControl = true, stockQuantity = 3 })).EnsureSuccessStatusCode();
        var form = Web.Components.Admin.Catalog.ProductGeneralForm.From(await app.SendAsSystemAsync(new Core.Features.Catalog.GetProduct(product.Product)));
        var clientId = await staff.CreateBillingClientAsync("Shelf Ltd");
        await staff.CreateServiceAsync(clientId, product, startNow: false);
        async Task<int> StockAsync() =>
            (await (await staff.GetAsync($"/api/admin/v1/products/{product.Product}")).JsonAsync()).GetProperty("stockQuantity").GetInt32();
        (await StockAsync()).Should().Be(2);

        form.Description = new Dictionary<string, string> { ["en"] = "Fixed a typo" };
        (await app.SendAsSystemAsync(form.ToRequest(product.Product))).StockQuantity.Should().Be(2, "the order placed since the form opened keeps its unit");
        form.StockQuantity = 10;
        var stale = await app.Invoking(a => a.SendAsSystemAsync(form.ToRequest(product.Product))).Should().ThrowAsync<Core.Common.RequestValidationException>();
        stale.Which.Errors["StockQuantity"].Should().Equal("Orders changed the stock from 3 to 2 since it was read: enter the stock again from 2.");
        (await StockAsync()).Should().Be(2);

        // The API: stock left out stays as orders move it; an expected count guards a new one the same way.
        (await staff.PutAsJsonAsync($"/api/admin/v1/products/{product.Product}", new { isVisible = true })).EnsureSuccessStatusCode();
        (await staff.PutAsJsonAsync($"/api/admin/v1/products/{product.Product}", new { stockQuantity = 10, expectedStockQuantity = 3 }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await staff.PutAsJsonAsync($"/api/admin/v1/products/{product.Product}", new { stockQuantity = 10, expectedStockQuantity = 2 })).EnsureSuccessStatusCode();
        (await StockAsync()).Should().Be(10);
    }

    [Fact]
    public async Task A_cancelled_pending_service_gives_back_the_unit_of_stock_its_order_took_and_only_that()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await staff.CreatePricedProductAsync(cancellationDelayHours: 1);
        var clientId = await staff.CreateBillingClientAsync("Stock Ltd");
        async Task<int> StockAsync() =>
            (await (await staff.GetAsync($"/api/admin/v1/products/{product.Product}")).JsonAsync()).GetProperty("stockQuantity").GetInt32();
        async Task<Guid> OrderAsync() => (await staff.CreateServiceAsync(clientId, product, startNow: false)).GetProperty("id").GetGuid();
        Task<HttpResponseMessage> CancelAsync(Guid service) => staff.PostAsync($"/api/admin/v1/services/{service}/cancel", null);

        var beforeStockControl = await OrderAsync();
        (await staff.PutAsJsonAsync($"/api/admin/v1/products/{product.Product}", new { stockControl = true, stockQuantity = 1 })).EnsureSuccessStatusCode();
        var lastUnit = await OrderAsync();
        (await StockAsync()).Should().Be(0);
        (await staff.PostAsJsonAsync("/api/admin/v1/services", new { clientId, productId = product.Product, productPriceId = product.Price, startNow = false }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "the last unit is taken");

        // Staff click Cancel in several tabs at once: one cancellation, one unit back.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CancelAsync(lastUnit)));
        answers.Select(a => a.StatusCode).Should().ContainSingle(c => c == HttpStatusCode.OK)
            .And.Subject.Count(c => c == HttpStatusCode.Conflict).Should().Be(5);
        (await StockAsync()).Should().Be(1, "the cancelled order never used its unit");
        (await CancelAsync(lastUnit)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await CancelAsync(beforeStockControl)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await StockAsync()).Should().Be(1, "a second cancellation, and an order that took no unit, give nothing back");

        // Automation cancels an order still unpaid after the product's delay, and its unit goes back too.
        var unpaid = await OrderAsync();
        (await StockAsync()).Should().Be(0);
        await staff.AdvanceClockAsync(1);
        (await staff.ServiceAsync(unpaid)).GetProperty("status").GetString().Should().Be("Cancelled");
        (await StockAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Starting_a_service_without_funds_is_refused_and_leaves_nothing_written()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        var product = await staff.CreatePricedProductAsync(setup: 3m);
        var response = await staff.PostAsJsonAsync("/api/admin/v1/services", new { clientId, productId = product.Product, productPriceId = product.Price, startNow = true });
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).Should().Contain("do not cover the setup fee and the first charge (3.01 USD)");
        (await (await staff.GetAsync($"/api/admin/v1/clients/{clientId}/services")).JsonAsync()).GetProperty("total").GetInt32().Should().Be(0);
        (await staff.TransactionsAsync(clientId)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_credit_limit_lets_charges_take_the_balance_below_zero_as_far_as_it_goes()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        var product = await staff.CreatePricedProductAsync();
        var negative = await staff.PutAsJsonAsync($"/api/admin/v1/clients/{clientId}/credit-limit", new { creditLimit = -1m });
        negative.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await negative.JsonAsync()).GetProperty("errors").GetProperty("creditLimit")[0].GetString().Should().Contain("cannot be negative");
        (await staff.PutAsJsonAsync($"/api/admin/v1/clients/{clientId}/credit-limit", new { creditLimit = 0.001m })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var set = await staff.PutAsJsonAsync($"/api/admin/v1/clients/{clientId}/credit-limit", new { creditLimit = 0.02m });
        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        (await set.JsonAsync()).GetProperty("available").GetDecimal().Should().Be(0.02m);
        var kept = await staff.PutAsJsonAsync($"/api/admin/v1/clients/{clientId}/credit-limit", new { });
        (await kept.JsonAsync()).GetProperty("creditLimit").GetDecimal().Should().Be(0.02m, "a PUT keeps what it leaves out");
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        await staff.AdvanceClockAsync(2);

        (await staff.ServiceAsync(serviceId)).GetProperty("status").GetString().Should().Be("Suspended", "the credit covered two hours and not the third");
        (await staff.BalanceAsync(clientId)).Should().Be(-0.02m);
        await AssertLedgersReconcileAsync();
    }

    [Fact]
    public async Task A_missing_or_too_fine_adjustment_amount_is_a_field_error_and_posts_nothing()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        var missing = await staff.PostAsJsonAsync($"/api/admin/v1/clients/{clientId}/adjustments", new { reason = "no amount" });
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.JsonAsync()).GetProperty("errors").GetProperty("amount")[0].GetString().Should().StartWith("Enter the amount");
        var fine = await staff.PostAsJsonAsync($"/api/admin/v1/clients/{clientId}/adjustments", new { amount = 0.001m, reason = "a tenth of a cent" });
        fine.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await fine.JsonAsync()).GetProperty("errors").GetProperty("amount")[0].GetString().Should().Contain("2 decimal place");
        var noReason = await staff.PostAsJsonAsync($"/api/admin/v1/clients/{clientId}/adjustments", new { amount = 1m });
        (await noReason.JsonAsync()).GetProperty("errors").GetProperty("reason").GetArrayLength().Should().Be(1);
        (await staff.TransactionsAsync(clientId)).Should().BeEmpty();
        (await staff.BalanceAsync(clientId)).Should().Be(0m);
    }

    [Fact]
    public async Task A_client_reads_an_adjustments_reason_but_not_which_staff_member_posted_it()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 5m, "Goodwill credit for the outage");
        var client = await app.OwnerApiClientAsync(clientId);

        var row = (await (await client.GetAsync("/api/client/v1/transactions")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        row.GetProperty("description").GetString().Should().Be("Adjustment: Goodwill credit for the outage", "staff names stay inside the company");
        (await staff.TransactionsAsync(clientId)).Single().GetProperty("description").GetString().Should().Be("Adjustment: Goodwill credit for the outage");
        await using var db = app.CreateDbContext();
        var poster = await db.LedgerEntries.Where(e => e.ClientId == clientId).Select(e => e.StaffAccountId!.Value).SingleAsync();
        (await db.StaffAccounts.AnyAsync(s => s.Id == poster)).Should().BeTrue("the row keeps who posted it for staff");
    }

    [Fact]
    public async Task Concurrent_adjustments_never_lose_an_update()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => staff.AdjustAsync(clientId, 1m + i / 100m, $"parallel {i}")));
        (await staff.BalanceAsync(clientId)).Should().Be(20m + Enumerable.Range(0, 20).Sum(i => i / 100m));
        (await staff.TransactionsAsync(clientId)).Select(r => r.GetProperty("sequence").GetInt64()).Should().Equal(Enumerable.Range(1, 20).Select(i => (long)i));
        await AssertLedgersReconcileAsync();
    }

    [Fact]
    public async Task Transaction_lists_count_exactly_what_they_hold_with_and_without_filters()
    {
        // The unfiltered totals come from the clients' chains, not from COUNT(*): they must still equal the rows.
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        for (var i = 1; i <= 3; i++) await staff.AdjustAsync(clientId, i, $"count {i}");
        await staff.AdjustAsync(clientId, -1m, "count back");
        async Task<int> TotalAsync(string url) => (await (await staff.GetAsync(url)).JsonAsync()).GetProperty("total").GetInt32();

        await using var db = app.CreateDbContext();
        (await TotalAsync($"/api/admin/v1/clients/{clientId}/transactions")).Should().Be(4);
        (await TotalAsync("/api/admin/v1/transactions")).Should().Be(await db.LedgerEntries.CountAsync());
        (await TotalAsync($"/api/admin/v1/transactions?type=Adjustment")).Should().Be(await db.LedgerEntries.CountAsync(e => e.Type == LedgerEntryType.Adjustment));
        (await TotalAsync($"/api/admin/v1/clients/{clientId}/transactions?search=count%20back")).Should().Be(1);
    }

    [Fact]
    public async Task Moving_many_balances_at_once_moves_none_when_one_was_moved_meanwhile()
    {
        var staff = await app.SuperAdminClientAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await staff.CreateBillingClientAsync($"Batch move {i}"));
            await staff.AdjustAsync(ids[^1], 10m);
        }
        async Task<List<ClientBalance>> ReadAsync()
        {
            await using var db = app.CreateDbContext();
            var read = await Ledger.ReadManyAsync(db, ids, CancellationToken.None);
            return ids.Select(id => read[id]).ToList();
        }
        async Task<bool> MoveAsync(IReadOnlyList<ClientBalance> from, decimal by)
        {
            await using var db = app.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            // As billing does it: the rows appended to each chain, the balances moved together, the rows written in bulk.
            var appended = from.Select(b => (Before: b, Result: Ledger.Append(b, [new LedgerPosting(LedgerEntryType.Adjustment, by, "Batch move")], DateTime.UtcNow))).ToList();
            var moved = await Ledger.TryMoveBalancesAsync(db, appended.Select(a => (a.Before, a.Result.After)).ToList(), CancellationToken.None);
            if (!moved) return false;
            await LedgerWriter.InsertAsync(db, appended.SelectMany(a => a.Result.Rows).ToList(), CancellationToken.None);
            await transaction.CommitAsync();
            return true;
        }

        var read = await ReadAsync();
        await staff.AdjustAsync(ids[1], 1m, "another writer came first");
        (await MoveAsync(read, -2m)).Should().BeFalse("the second client's sequence is no longer the one read");
        (await ReadAsync()).Select(b => (b.Balance, b.Sequence)).Should().Equal((10m, 1L), (11m, 2L), (10m, 1L));

        (await MoveAsync(await ReadAsync(), -2m)).Should().BeTrue();
        (await ReadAsync()).Select(b => (b.Balance, b.Sequence)).Should().Equal((8m, 2L), (9m, 3L), (8m, 2L));
        await AssertLedgersReconcileAsync();
    }

    [Fact]
    public async Task Two_billing_runs_at_once_charge_each_service_period_exactly_once()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await staff.CreatePricedProductAsync();
        var clients = new List<Guid>();
        for (var c = 0; c < 3; c++)
        {
            var clientId = await staff.CreateBillingClientAsync($"Race {c}");
            await staff.AdjustAsync(clientId, 100m);
            for (var s = 0; s < 4; s++) await staff.CreateServiceAsync(clientId, product);
            clients.Add(clientId);
        }
        // Move the clock without running the schedules, then let two runs race for the same 5 hours.
        app.Services.GetRequiredService<BillingClock>().Manual!.Advance(TimeSpan.FromHours(5));
        var billing = app.Services.GetRequiredService<ServiceBilling>();
        // (Other tests' services share the app, so the runs' totals are not checked: each of these 12 services owes 5 hours.)
        await Task.WhenAll(billing.RunAsync(CancellationToken.None), billing.RunAsync(CancellationToken.None), billing.RunAsync(CancellationToken.None));

        foreach (var clientId in clients)
        {
            var charges = Charges(await staff.TransactionsAsync(clientId));
            charges.Should().HaveCount(4 * 6);
            charges.GroupBy(c => (c.GetProperty("serviceId").GetGuid(), c.Time("periodStart"))).Should().OnlyContain(g => g.Count() == 1);
            (await staff.BalanceAsync(clientId)).Should().Be(100m - 24 * 0.01m);
        }
        await AssertLedgersReconcileAsync();
    }

    /// <summary>Activates the Sample Product module (once per app) with no delay and the given failure rate; answers a product that uses it.</summary>
    private async Task<(Guid Product, Guid Price)> SampleModuleProductAsync(HttpClient staff, int failureRate, string rootPassword, decimal uninstall = 0m)
    {
        var activated = await staff.PostAsync("/api/admin/v1/modules/sample-product/activate", null);
        activated.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Conflict);
        (await staff.PutAsJsonAsync("/api/admin/v1/modules/sample-product/settings", new
        {
            values = new Dictionary<string, string?> { ["delaySeconds"] = "0", ["failureRate"] = failureRate.ToString(), ["region"] = "eu-central" },
        })).EnsureSuccessStatusCode();
        var product = await staff.CreatePricedProductAsync(uninstall: uninstall);
        var saved = await staff.PutAsJsonAsync($"/api/admin/v1/products/{product.Product}/module-settings", new
        {
            moduleKey = "sample-product", values = new Dictionary<string, string?> { ["plan"] = "small", ["diskGb"] = "20", ["rootPassword"] = rootPassword },
        });
        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return product;
    }

    private async Task<Core.Domain.Engine.QueuedTask> ModuleTaskAsync(Guid serviceId)
    {
        await using var db = app.CreateDbContext();
        return await db.QueuedTasks.AsNoTracking().SingleAsync(t => t.Name == ServiceSteps.TaskName && t.Tags!.Contains($"service:{serviceId}"));
    }

    [Fact]
    public async Task A_module_product_is_provisioned_through_the_task_queue_and_charged_once_the_module_succeeds()
    {
        var staff = await app.SuperAdminClientAsync();
        var rootPassword = "root-" + Guid.NewGuid().ToString("N");
        var product = await SampleModuleProductAsync(staff, failureRate: 0, rootPassword);
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        var now = await NowAsync(staff);

        var created = await staff.CreateServiceAsync(clientId, product);
        created.GetProperty("status").GetString().Should().Be("Active");
        var serviceId = created.GetProperty("id").GetGuid();
        var task = await app.WaitForAsync((await ModuleTaskAsync(serviceId)).Id, null, Core.Domain.Engine.QueuedTaskStatus.Completed);
        task.InputJson.Should().NotContain(rootPassword, "a task's input carries ids only, never settings or secrets");

        var service = await staff.ServiceAsync(serviceId);
        service.GetProperty("provisionStatus").GetString().Should().Be("Provisioned");
        service.GetProperty("provisionData").GetProperty("hostname").GetString().Should().EndWith(".sample.test");
        service.Time("paidUntil").Should().Be(now.AddHours(1), "charging starts when the module has created the service");
        Charges(await staff.TransactionsAsync(clientId)).Should().ContainSingle();
    }

    /// <summary>
    /// A create the module made whose first charge cannot be saved with it (here the database refuses the client's ledger rows)
    /// is kept without the charge: the service is provisioned with what the module named, the create is not run again (it
    /// would make a second server, the first one's ids lost), and the next billing run charges the first hour.
    /// </summary>
    [Fact]
    public async Task A_create_whose_first_charge_cannot_be_saved_is_kept_and_the_billing_run_charges_it()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await SampleModuleProductAsync(staff, failureRate: 0, "root-secret");
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        var now = await NowAsync(staff);
        var trigger = $"refuse_ledger_{clientId:N}";
        await using (var db = app.CreateDbContext())
        {
            var postgres = db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal);
            foreach (var sql in postgres
                         ? new[]
                         {
                             $"CREATE FUNCTION {trigger}() RETURNS trigger AS $$ BEGIN IF NEW.\"ClientId\" = '{clientId}' THEN RAISE EXCEPTION 'refused on purpose'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
                             $"CREATE TRIGGER {trigger} BEFORE INSERT ON \"LedgerEntries\" FOR EACH ROW EXECUTE FUNCTION {trigger}()",
                         }
                         : [$"CREATE TRIGGER {trigger} BEFORE INSERT ON \"LedgerEntries\" WHEN upper(NEW.\"ClientId\") = '{clientId.ToString().ToUpperInvariant()}' BEGIN SELECT RAISE(ABORT, 'refused on purpose'); END"])
                await db.Database.ExecuteSqlRawAsync(sql);
        }

        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        var task = await app.WaitForAsync((await ModuleTaskAsync(serviceId)).Id, TimeSpan.FromSeconds(30), Core.Domain.Engine.QueuedTaskStatus.Completed);
        (task.Status, task.Tries).Should().Be((Core.Domain.Engine.QueuedTaskStatus.Completed, 1), "the module made the service once, and its answer was kept");
        var service = await staff.ServiceAsync(serviceId);
        (service.GetProperty("provisionStatus").GetString(), service.GetProperty("status").GetString()).Should().Be(("Provisioned", "Active"));
        service.GetProperty("provisionData").GetProperty("hostname").GetString().Should().EndWith(".sample.test");
        Charges(await staff.TransactionsAsync(clientId)).Should().BeEmpty();

        await using (var db = app.CreateDbContext())
        {
            var drop = db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal) ? $"DROP TRIGGER {trigger} ON \"LedgerEntries\"" : $"DROP TRIGGER {trigger}";
            await db.Database.ExecuteSqlRawAsync(drop);
        }
        await app.Services.GetRequiredService<ServiceBilling>().RunAsync(CancellationToken.None);
        Charges(await staff.TransactionsAsync(clientId)).Should().ContainSingle();
        (await staff.ServiceAsync(serviceId)).Time("paidUntil").Should().Be(now.AddHours(1), "billing was anchored when the module made the service");
    }

    /// <summary>A product's module stays while a service of it has something at the module: its suspend and terminate would go nowhere.</summary>
    [Fact]
    public async Task The_module_of_a_product_with_a_live_service_cannot_be_changed_or_cleared()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await SampleModuleProductAsync(staff, failureRate: 0, "root-secret");
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        await app.WaitForAsync((await ModuleTaskAsync(serviceId)).Id, TimeSpan.FromSeconds(60), Core.Domain.Engine.QueuedTaskStatus.Completed);

        var cleared = await staff.PutAsJsonAsync($"/api/admin/v1/products/{product.Product}/module-settings", new { moduleKey = "", values = new Dictionary<string, string?>() });
        cleared.StatusCode.Should().Be(HttpStatusCode.Conflict, await cleared.Content.ReadAsStringAsync());
        (await cleared.JsonAsync()).GetProperty("detail").GetString().Should().StartWith("1 service of this product is at Sample Product or waiting for it");
        var settings = await (await staff.GetAsync($"/api/admin/v1/products/{product.Product}/module-settings")).JsonAsync();
        settings.GetProperty("savedModuleKey").GetString().Should().Be("sample-product", "the refusal wrote nothing");
        // Saving the same module's settings is not a change of module.
        (await staff.PutAsJsonAsync($"/api/admin/v1/products/{product.Product}/module-settings", new
        {
            moduleKey = "sample-product", values = new Dictionary<string, string?> { ["plan"] = "large", ["diskGb"] = "40", ["rootPassword"] = "" },
        })).StatusCode.Should().Be(HttpStatusCode.OK);

        // Nor is a module put on a product whose services run without one: it would be asked to remove what it never made.
        var plain = await staff.CreatePricedProductAsync();
        await staff.CreateServiceAsync(clientId, plain);
        var added = await staff.PutAsJsonAsync($"/api/admin/v1/products/{plain.Product}/module-settings", new
        {
            moduleKey = "sample-product", values = new Dictionary<string, string?> { ["plan"] = "small", ["diskGb"] = "20", ["rootPassword"] = "root-secret" },
        });
        added.StatusCode.Should().Be(HttpStatusCode.Conflict, await added.Content.ReadAsStringAsync());
        (await added.JsonAsync()).GetProperty("detail").GetString().Should().StartWith("1 service of this product runs without a module");
    }

    [Fact]
    public async Task Changing_the_options_of_a_module_product_queues_the_module_s_change_package()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await SampleModuleProductAsync(staff, failureRate: 0, "root-secret");
        var extraIp = await staff.CreateProductOptionAsync(product.Product, "Extra IP", 3.72m, group: "Network");
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        await app.WaitForAsync((await ModuleTaskAsync(serviceId)).Id, TimeSpan.FromSeconds(60), Core.Domain.Engine.QueuedTaskStatus.Completed);

        var changed = await staff.ChangeOptionsAsync(serviceId, extraIp);
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());

        await using var db = app.CreateDbContext();
        var tasks = await db.QueuedTasks.AsNoTracking().Where(t => t.Name == ServiceSteps.TaskName && t.Tags!.Contains($"service:{serviceId}")).ToListAsync();
        tasks.Select(t => ServiceSteps.ReadInput(t.InputJson).Action).Should().BeEquivalentTo([ModuleActions.Create, ModuleActions.ChangePackage],
            "the module reads the options again through its change-package");
        tasks.Should().OnlyContain(t => t.AvailableAt <= DateTime.UtcNow, "task timing keeps real time, wherever the test clock stands");
    }

    [Fact]
    public async Task A_failing_module_action_shows_on_the_service_and_the_task_is_retried_and_billing_starts_once_it_is_active_and_created()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await SampleModuleProductAsync(staff, failureRate: 100, "root-secret");
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();

        JsonElement service = default;
        for (var i = 0; i < 200 && (service.ValueKind == JsonValueKind.Undefined || service.GetProperty("provisionStatus").GetString() != "Failed"); i++)
        {
            await Task.Delay(100);
            service = await staff.ServiceAsync(serviceId);
        }
        service.GetProperty("provisionStatus").GetString().Should().Be("Failed");
        service.GetProperty("provisionError").GetString().Should().Contain("refused create");
        // The handler writes the failure to the service first and then throws; the worker writes the task's error after it.
        var task = await ModuleTaskAsync(serviceId);
        for (var i = 0; i < 100 && task.Error is null; i++)
        {
            await Task.Delay(100);
            task = await ModuleTaskAsync(serviceId);
        }
        task.Tries.Should().BeGreaterThanOrEqualTo(1);
        task.Error.Should().Contain("refused create");
        task.Status.Should().BeOneOf(Core.Domain.Engine.QueuedTaskStatus.Queued, Core.Domain.Engine.QueuedTaskStatus.Processing, Core.Domain.Engine.QueuedTaskStatus.Failed);
        Charges(await staff.TransactionsAsync(clientId)).Should().BeEmpty("nothing recurring is charged before the module created the service");
        var history = await (await staff.GetAsync($"/api/admin/v1/services/{serviceId}/events")).JsonAsync();
        history.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Should().Contain("Module failed");

        // Staff suspend it while the create waits for its retry; then the module works again and the retry creates it. A
        // suspended service is not charged; lifting the suspension starts billing (it once never did: the service stayed
        // active and free for good, as charging started only for a create that found it active).
        (await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/suspend", new { reason = "Checking the order" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await staff.PutAsJsonAsync("/api/admin/v1/modules/sample-product/settings", new
        {
            values = new Dictionary<string, string?> { ["delaySeconds"] = "0", ["failureRate"] = "0", ["region"] = "eu-central" },
        })).EnsureSuccessStatusCode();
        await app.WaitForAsync(task.Id, TimeSpan.FromSeconds(60), Core.Domain.Engine.QueuedTaskStatus.Completed);
        (await staff.ServiceAsync(serviceId)).GetProperty("provisionStatus").GetString().Should().Be("Provisioned");
        Charges(await staff.TransactionsAsync(clientId)).Should().BeEmpty("the service is suspended");

        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/unsuspend", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        Charges(await staff.TransactionsAsync(clientId)).Should().ContainSingle("the first hour is charged once the service is active and created");
        (await staff.ServiceAsync(serviceId)).GetProperty("nextChargeAt").ValueKind.Should().NotBe(JsonValueKind.Null);
    }

    /// <summary>
    /// A create that failed every try left the service active with its setup fee paid, never billed, never made, and
    /// nothing could bring it back. Staff now retry provisioning once no try is on its way: the create is queued again,
    /// and billing starts when it succeeds.
    /// </summary>
    /// <summary>
    /// A started module service pays its first charge once its module has made it; until then that money is spoken for, so a
    /// second start on the same balance is refused instead of leaving the first to be suspended the moment it is made.
    /// </summary>
    [Fact]
    public async Task A_service_waiting_for_its_module_keeps_its_first_charge_from_being_spent_by_another_start()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await SampleModuleProductAsync(staff, failureRate: 100, "root-secret");
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 0.01m);
        var waiting = await staff.CreateServiceAsync(clientId, product);
        (waiting.GetProperty("status").GetString(), waiting.GetProperty("nextChargeAt").ValueKind).Should().Be(("Active", JsonValueKind.Null), "billing waits for the module");

        var refused = await staff.PostAsJsonAsync("/api/admin/v1/services", new { clientId, productId = product.Product, productPriceId = product.Price, startNow = true });
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict, await refused.Content.ReadAsStringAsync());
        (await refused.Content.ReadAsStringAsync()).Should().Contain("services being created");
        var pending = (await staff.CreateServiceAsync(clientId, product, startNow: false)).GetProperty("id").GetGuid();
        (await staff.PostAsync($"/api/admin/v1/services/{pending}/create", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);

        await staff.AdjustAsync(clientId, 0.01m);
        var started = await staff.PostAsync($"/api/admin/v1/services/{pending}/create", null);
        started.StatusCode.Should().Be(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());

        // Two pending services started at once on a balance that covers one: they decide one after the other.
        var another = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(another, 0.01m);
        var orders = new List<Guid>();
        for (var i = 0; i < 2; i++) orders.Add((await staff.CreateServiceAsync(another, product, startNow: false)).GetProperty("id").GetGuid());
        var both = await Task.WhenAll(orders.Select(id => staff.PostAsync($"/api/admin/v1/services/{id}/create", null)));
        both.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);

        // A create that failed and will try again still holds its charge; once its tries have run out it waits for staff, and holds nothing.
        var third = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(third, 0.01m);
        var failing = (await staff.CreateServiceAsync(third, product)).GetProperty("id").GetGuid();
        var next = (await staff.CreateServiceAsync(third, product, startNow: false)).GetProperty("id").GetGuid();
        var task = await AfterFailedTryAsync(failing, ModuleActions.Create);
        (await staff.ServiceAsync(failing)).GetProperty("provisionStatus").GetString().Should().Be("Failed");
        (await staff.PostAsync($"/api/admin/v1/services/{next}/create", null)).StatusCode.Should().Be(HttpStatusCode.Conflict, "its next try is on its way");
        await using (var db = app.CreateDbContext())
            await db.QueuedTasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, Core.Domain.Engine.QueuedTaskStatus.Failed));
        var freed = await staff.PostAsync($"/api/admin/v1/services/{next}/create", null);
        freed.StatusCode.Should().Be(HttpStatusCode.OK, await freed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_create_that_ends_in_an_exception_or_without_a_word_is_shown_failed_and_can_be_retried()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await SampleModuleProductAsync(staff, failureRate: 0, "root-secret");
        // The key ring was lost since the root password was saved: the stored secret cannot be read any more.
        await using (var db = app.CreateDbContext())
            (await db.ProductModuleSettings.Where(s => s.ProductId == product.Product && s.Key == "rootPassword")
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Value, "CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))).Should().Be(1);
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        var task = await AfterFailedTryAsync(serviceId, ModuleActions.Create);

        var failed = await staff.ServiceAsync(serviceId);
        (failed.GetProperty("provisionStatus").GetString(), failed.GetProperty("provisionError").GetString())
            .Should().Be(("Failed", "The product's secret setting \"rootPassword\" cannot be decrypted (were the data protection keys lost?): enter it again on the product's Module tab."));
        (await HistoryAsync(staff, serviceId)).Should().Contain(h => h != null && h.Contains("cannot be decrypted"));

        // Its tries run out; then, as after a node that died mid-try (the sweep fails the task, the service still says
        // "in progress"), staff can send the create again and the client's money is no longer kept for it.
        await using (var db = app.CreateDbContext())
        {
            await db.QueuedTasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, Core.Domain.Engine.QueuedTaskStatus.Failed));
            await db.Services.Where(s => s.Id == serviceId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ProvisionStatus, Core.Domain.Services.ProvisionStatus.InProgress));
        }
        var stuck = await staff.ServiceAsync(serviceId);
        (stuck.GetProperty("provisionStatus").GetString(), stuck.GetProperty("canRetryProvisioning").GetBoolean()).Should().Be(("InProgress", true));
        await using (var db = app.CreateDbContext())
            (await ServiceSteps.AwaitingFirstChargesAsync(db, clientId, DateTime.UtcNow, CancellationToken.None)).Should().Be(0m);

        // A suspend of the server that was never made fails too: what the service lacks is still its create.
        (await staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/suspend", new { reason = "Checking the order" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var suspend = await AfterFailedTryAsync(serviceId, ModuleActions.Suspend);
        await using (var db = app.CreateDbContext())
            await db.QueuedTasks.Where(t => t.Id == suspend.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, Core.Domain.Engine.QueuedTaskStatus.Failed));
        var suspended = await staff.ServiceAsync(serviceId);
        (suspended.GetProperty("status").GetString(), suspended.GetProperty("retryableModuleAction").GetString()).Should().Be(("Suspended", "create"));
    }

    private async Task<Core.Domain.Engine.QueuedTask> ActionTaskAsync(Guid serviceId, string action, Guid? not = null)
    {
        await using var db = app.CreateDbContext();
        return await db.QueuedTasks.AsNoTracking()
            .SingleAsync(t => t.Name == ServiceSteps.TaskName && t.Tags!.Contains($"service:{serviceId}") && t.Tags!.Contains($"action:{action}") && t.Id != not);
    }

    /// <summary>The service's task of <paramref name="action"/> once its try <paramref name="tries"/> failed and it waits for the next (as it is after 20 s).</summary>
    private async Task<Core.Domain.Engine.QueuedTask> AfterFailedTryAsync(Guid serviceId, string action, int tries = 1)
    {
        var task = await ActionTaskAsync(serviceId, action);
        for (var i = 0; i < 200 && !(task.Status == Core.Domain.Engine.QueuedTaskStatus.Queued && task.Tries >= tries); i++)
        {
            await Task.Delay(100);
            task = await ActionTaskAsync(serviceId, action);
        }
        return task;
    }

    private static async Task SampleFailureRateAsync(HttpClient staff, int failureRate) =>
        (await staff.PutAsJsonAsync("/api/admin/v1/modules/sample-product/settings", new
        {
            values = new Dictionary<string, string?> { ["delaySeconds"] = "0", ["failureRate"] = failureRate.ToString(), ["region"] = "eu-central" },
        })).EnsureSuccessStatusCode();

    [Fact]
    public async Task A_terminate_that_failed_every_try_is_sent_again_by_staff_so_the_server_does_not_run_on_unbilled()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await SampleModuleProductAsync(staff, failureRate: 0, "root-secret");
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        await app.WaitForAsync((await ActionTaskAsync(serviceId, ModuleActions.Create)).Id, TimeSpan.FromSeconds(60), Core.Domain.Engine.QueuedTaskStatus.Completed);

        await SampleFailureRateAsync(staff, 100);
        (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/terminate", null)).EnsureSuccessStatusCode();
        var task = await AfterFailedTryAsync(serviceId, ModuleActions.Terminate);
        var retry = $"/api/admin/v1/services/{serviceId}/retry-provisioning";
        (await staff.PostAsync(retry, null)).StatusCode.Should().Be(HttpStatusCode.Conflict, "its next try is on its way");
        // Its tries run out during the provider's outage.
        await using (var db = app.CreateDbContext())
            await db.QueuedTasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, Core.Domain.Engine.QueuedTaskStatus.Failed));
        var failed = await staff.ServiceAsync(serviceId);
        (failed.GetProperty("status").GetString(), failed.GetProperty("provisionStatus").GetString(), failed.GetProperty("retryableModuleAction").GetString())
            .Should().Be(("Terminated", "Failed", "terminate"));

        await SampleFailureRateAsync(staff, 0);
        var retried = await staff.PostAsync(retry, null);
        retried.StatusCode.Should().Be(HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());
        (await staff.PostAsync(retry, null)).StatusCode.Should().Be(HttpStatusCode.Conflict, "one terminate is on its way");
        await app.WaitForAsync((await ActionTaskAsync(serviceId, ModuleActions.Terminate, not: task.Id)).Id, TimeSpan.FromSeconds(60), Core.Domain.Engine.QueuedTaskStatus.Completed);
        var removed = await staff.ServiceAsync(serviceId);
        (removed.GetProperty("provisionStatus").GetString(), removed.GetProperty("canRetryProvisioning").GetBoolean()).Should().Be(("Removed", false));
        (await HistoryAsync(staff, serviceId)).Should().Contain("The module's terminate was queued again.");
    }

    /// <summary>
    /// A service whose module create failed every try was never made: terminating it (as its client asks, having had no
    /// server) charges no uninstall fee, and staff's confirmation says so. While a try is on its way, the fee stands.
    /// </summary>
    [Fact]
    public async Task Terminating_a_service_its_module_never_made_charges_no_uninstall_fee()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await SampleModuleProductAsync(staff, failureRate: 100, "root-secret", uninstall: 10m);
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        var task = await AfterFailedTryAsync(serviceId, ModuleActions.Create);
        (await staff.ServiceAsync(serviceId)).GetProperty("uninstallWaived").GetBoolean().Should().BeFalse("its next try may still make it");

        await using (var db = app.CreateDbContext())
            await db.QueuedTasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, Core.Domain.Engine.QueuedTaskStatus.Failed));
        (await staff.ServiceAsync(serviceId)).GetProperty("uninstallWaived").GetBoolean().Should().BeTrue();
        var terminated = await staff.PostAsync($"/api/admin/v1/services/{serviceId}/terminate", null);
        terminated.StatusCode.Should().Be(HttpStatusCode.OK, await terminated.Content.ReadAsStringAsync());

        Charges(await staff.TransactionsAsync(clientId)).Should().NotContain(c => c.GetProperty("chargeKind").GetString() == "Uninstall");
        (await staff.BalanceAsync(clientId)).Should().Be(1m);
        (await HistoryAsync(staff, serviceId)).Should().Contain("Terminated; no uninstall fee, as the module never made the service.");
        await SampleFailureRateAsync(staff, 0);
    }

    /// <summary>
    /// A product module cannot be switched off under products on sale or services it holds: their creates, suspends and
    /// terminates all failed while it was off, and orders were still taken and charged. Once its products are off sale and
    /// it removed what it made, it may go.
    /// </summary>
    [Fact]
    public async Task A_product_module_in_use_cannot_be_switched_off()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await SampleModuleProductAsync(staff, failureRate: 0, "root-secret");
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        await app.WaitForAsync((await ActionTaskAsync(serviceId, ModuleActions.Create)).Id, TimeSpan.FromSeconds(60), Core.Domain.Engine.QueuedTaskStatus.Completed);
        var others = await OtherSampleProductsAsync(product.Product);
        await using (var db = app.CreateDbContext())
            await db.Products.Where(p => others.Contains(p.Id)).ExecuteUpdateAsync(u => u.SetProperty(p => p.ModuleKey, (string?)null));
        try
        {
            var deactivate = "/api/admin/v1/modules/sample-product/deactivate";
            var refused = await staff.PostAsync(deactivate, null);
            refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await refused.Content.ReadAsStringAsync()).Should().Contain("1 product on sale and 1 service it provisions");

            (await staff.PutAsJsonAsync($"/api/admin/v1/products/{product.Product}", new { isActive = false })).EnsureSuccessStatusCode();
            (await staff.PostAsync($"/api/admin/v1/services/{serviceId}/terminate", null)).EnsureSuccessStatusCode();
            await app.WaitForAsync((await ActionTaskAsync(serviceId, ModuleActions.Terminate)).Id, TimeSpan.FromSeconds(60), Core.Domain.Engine.QueuedTaskStatus.Completed);
            var off = await staff.PostAsync(deactivate, null);
            off.StatusCode.Should().Be(HttpStatusCode.OK, await off.Content.ReadAsStringAsync());

            // Nor may its product go back on sale while it is off: orders would be charged and every create fail.
            var onSale = await staff.PutAsJsonAsync($"/api/admin/v1/products/{product.Product}", new { isActive = true });
            onSale.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await onSale.JsonAsync()).GetProperty("errors").GetProperty("isActive")[0].GetString().Should().Contain("is not active");
        }
        finally
        {
            var activate = await staff.PostAsync("/api/admin/v1/modules/sample-product/activate", null);
            activate.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Conflict);
            await using var db = app.CreateDbContext();
            await db.Products.Where(p => others.Contains(p.Id)).ExecuteUpdateAsync(u => u.SetProperty(p => p.ModuleKey, SampleProductModule.Key));
        }
    }

    /// <summary>The other products of the sample module (earlier tests' ones), set aside while a test needs it unused.</summary>
    private async Task<List<Guid>> OtherSampleProductsAsync(Guid except)
    {
        await using var db = app.CreateDbContext();
        return await db.Products.Where(p => p.ModuleKey == SampleProductModule.Key && p.Id != except).Select(p => p.Id).ToListAsync();
    }

    [Fact]
    public async Task A_create_that_failed_every_try_is_provisioned_again_by_staff_and_billing_starts()
    {
        var staff = await app.SuperAdminClientAsync();
        var product = await SampleModuleProductAsync(staff, failureRate: 100, "root-secret");
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        var serviceId = (await staff.CreateServiceAsync(clientId, product)).GetProperty("id").GetGuid();
        var task = await AfterFailedTryAsync(serviceId, ModuleActions.Create);
        task.Error.Should().Contain("refused create");

        // The next try (its backoff cut short here) is told it is the second: an earlier one may have made part of the service.
        await using (var db = app.CreateDbContext())
            await db.QueuedTasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.AvailableAt, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        task = await AfterFailedTryAsync(serviceId, ModuleActions.Create, tries: 2);
        await using (var db = app.CreateDbContext())
        {
            var sent = await db.ModuleLog.AsNoTracking().Where(e => e.Action == "create" && e.Request!.Contains(serviceId.ToString())).OrderBy(e => e.At)
                .Select(e => e.Request!).ToListAsync();
            sent.Select(r => JsonDocument.Parse(r).RootElement.GetProperty("try").GetInt32()).Should().Equal(1, 2);
        }

        // Its next try waits out the backoff: a create on its way, so another one is not offered.
        var waiting = await staff.ServiceAsync(serviceId);
        (waiting.GetProperty("provisionStatus").GetString(), waiting.GetProperty("canRetryProvisioning").GetBoolean()).Should().Be(("Failed", false));
        var retry = $"/api/admin/v1/services/{serviceId}/retry-provisioning";
        (await staff.PostAsync(retry, null)).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // Its tries run out (as after the last one), and the module works again.
        await using (var db = app.CreateDbContext())
            (await db.QueuedTasks.Where(t => t.Id == task.Id && t.Status == Core.Domain.Engine.QueuedTaskStatus.Queued)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, Core.Domain.Engine.QueuedTaskStatus.Failed))).Should().Be(1);
        var stuck = await staff.ServiceAsync(serviceId);
        (stuck.GetProperty("status").GetString(), stuck.GetProperty("canRetryProvisioning").GetBoolean()).Should().Be(("Active", true));
        stuck.GetProperty("nextChargeAt").ValueKind.Should().Be(JsonValueKind.Null);
        (await staff.PutAsJsonAsync("/api/admin/v1/modules/sample-product/settings", new
        {
            values = new Dictionary<string, string?> { ["delaySeconds"] = "0", ["failureRate"] = "0", ["region"] = "eu-central" },
        })).EnsureSuccessStatusCode();

        var retried = await staff.PostAsync(retry, null);
        retried.StatusCode.Should().Be(HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());
        (await retried.JsonAsync()).GetProperty("canRetryProvisioning").GetBoolean().Should().BeFalse();
        (await staff.PostAsync(retry, null)).StatusCode.Should().Be(HttpStatusCode.Conflict, "one create is on its way");
        Guid again;
        await using (var db = app.CreateDbContext())
            again = await db.QueuedTasks.AsNoTracking().Where(t => t.Name == ServiceSteps.TaskName && t.Tags!.Contains($"service:{serviceId}") && t.Id != task.Id)
                .Select(t => t.Id).SingleAsync();
        await app.WaitForAsync(again, TimeSpan.FromSeconds(60), Core.Domain.Engine.QueuedTaskStatus.Completed);

        var made = await staff.ServiceAsync(serviceId);
        (made.GetProperty("provisionStatus").GetString(), made.GetProperty("canRetryProvisioning").GetBoolean()).Should().Be(("Provisioned", false));
        made.GetProperty("provisionedAt").ValueKind.Should().NotBe(JsonValueKind.Null);
        made.GetProperty("nextChargeAt").ValueKind.Should().NotBe(JsonValueKind.Null, "billing starts once the module made the service");
        Charges(await staff.TransactionsAsync(clientId)).Should().ContainSingle();
        (await HistoryAsync(staff, serviceId)).Should().Contain("The module's create was queued again.");
    }

    [Fact]
    public async Task The_billing_overview_adds_up_the_charges_and_counts_what_needs_attention()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 0.02m);
        var before = await app.SendAsSystemAsync(new Core.Features.Dashboard.GetBillingOverview());
        var serviceId = (await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync(name: "Overview"))).GetProperty("id").GetGuid();
        await staff.AdvanceClockAsync(2);
        (await staff.ServiceAsync(serviceId)).GetProperty("status").GetString().Should().Be("Suspended");
        await staff.AdjustAsync(clientId, -0.5m, "a debit below zero");

        var after = await app.SendAsSystemAsync(new Core.Features.Dashboard.GetBillingOverview());
        decimal Usd(IReadOnlyList<Core.Features.Dashboard.CurrencyAmount> amounts) => amounts.SingleOrDefault(a => a.CurrencyCode == "USD")?.Amount ?? 0m;
        // The two hours of this service (other tests' services may be charged in the same hours, so at least these).
        (Usd(after.ChargedThisMonth) - Usd(before.ChargedThisMonth)).Should().BeGreaterThanOrEqualTo(0.02m);
        after.SuspendedForFunds.Should().BeGreaterThan(before.SuspendedForFunds);
        after.NegativeBalanceClients.Should().BeGreaterThan(before.NegativeBalanceClients);
        after.LastRun.Should().NotBeNull();
        after.LastRun!.FinishedAt.Should().NotBeNull();
        after.Services.Single(c => c.Status == ServiceStatus.Suspended).Count.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task The_database_refuses_a_second_charge_for_the_same_service_period()
    {
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 1m);
        await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync());
        await using var db = app.CreateDbContext();
        var charge = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.ClientId == clientId && e.Type == LedgerEntryType.Charge);
        db.LedgerEntries.Add(new LedgerEntry
        {
            ClientId = clientId, Sequence = 99, Type = LedgerEntryType.Charge, CurrencyCode = "USD", Amount = charge.Amount, Net = charge.Net, Gross = charge.Gross,
            Description = "a second charge of the same hour", ServiceId = charge.ServiceId, ChargeKind = charge.ChargeKind, PeriodStart = charge.PeriodStart,
            PeriodEnd = charge.PeriodEnd, CreatedAt = DateTime.UtcNow,
        });
        await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>();
    }
}

public sealed class SqliteBillingApiTests(SqliteManualClockAppFixture fixture) : BillingApiTests(fixture.App), IClassFixture<SqliteManualClockAppFixture>;

public sealed class PostgresBillingApiTests(PostgresManualClockAppFixture fixture) : BillingApiTests(fixture.App), IClassFixture<PostgresManualClockAppFixture>
{
    /// <summary>
    /// PostgreSQL reads committed rows statement by statement: a package switch that commits after a billing batch read the
    /// service, and posts nothing (no fee, the paid day over), left the batch's move of the paid time matching, and the new
    /// day was charged at the price the switch replaced. Here the switch holds the service's row while the batch runs, and
    /// commits once the batch waits for it: the day is charged at the price in force. (SQLite runs one writer at a time.)
    /// </summary>
    [Fact]
    public async Task A_package_switch_committed_while_a_billing_batch_runs_is_charged_at_the_new_price()
    {
        var app = fixture.App;
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync();
        await staff.AdjustAsync(clientId, 100m);
        var small = await staff.CreatePricedProductAsync("Daily", 24m, hourlyBilling: false, name: "Race small");
        var large = await staff.CreatePricedProductAsync("Daily", 48m, hourlyBilling: false, name: "Race large");
        var serviceId = (await staff.CreateServiceAsync(clientId, small)).GetProperty("id").GetGuid();
        app.Services.GetRequiredService<BillingClock>().Manual!.Advance(TimeSpan.FromHours(25));

        await using var switcher = new Npgsql.NpgsqlConnection(app.PostgresConnectionString);
        await switcher.OpenAsync();
        await using var switching = await switcher.BeginTransactionAsync();
        await using (var change = new Npgsql.NpgsqlCommand(
            "UPDATE \"Services\" SET \"ProductId\" = @product, \"ProductPriceId\" = @price, \"Revision\" = \"Revision\" + 1 WHERE \"Id\" = @id", switcher, switching))
        {
            change.Parameters.AddWithValue("product", large.Product);
            change.Parameters.AddWithValue("price", large.Price);
            change.Parameters.AddWithValue("id", serviceId);
            (await change.ExecuteNonQueryAsync()).Should().Be(1);
        }
        var run = app.Services.GetRequiredService<ServiceBilling>().RunAsync(CancellationToken.None);
        await WaitForBlockedAsync(app.PostgresConnectionString!, (int)switcher.ProcessID);
        await switching.CommitAsync();
        await run;

        var charges = (await staff.TransactionsAsync(clientId)).Where(r => r.GetProperty("type").GetString() == "Charge").Select(r => r.GetProperty("amount").GetDecimal());
        charges.Should().Equal([-24m, -48m], "the first day at the small price, the second at the large one in force when it was charged");
    }

    /// <summary>
    /// A billing batch reads its clients' balances, then writes. A client whose only due service it found short posted no
    /// row, so its balance was never checked again: a payment that landed in between did not stop the suspension, and the
    /// client who had just paid saw the service go down until "Unsuspend when funds return" ran. Here the batch is held
    /// right after its read while 10.00 is added: it reads again and charges the hour. (SQLite's batch holds the write lock
    /// from its start: the payment waits for it.)
    /// </summary>
    [Fact]
    public async Task A_payment_that_lands_while_a_billing_batch_runs_keeps_the_service_it_found_short_running()
    {
        var app = fixture.App;
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Paid Just In Time Ltd");
        await staff.AdjustAsync(clientId, 0.01m);
        var serviceId = (await staff.CreateServiceAsync(clientId, await staff.CreatePricedProductAsync(name: "Just in time"))).GetProperty("id").GetGuid();
        (await staff.BalanceAsync(clientId)).Should().Be(0m, "the first hour took it all");
        // Armed first: a real-time fire of billing that reads the balance before the test's run is held the same way.
        var hold = BalanceReadGate.Arm(clientId);
        app.Services.GetRequiredService<BillingClock>().Manual!.Advance(TimeSpan.FromHours(1));
        var run = app.Services.GetRequiredService<ServiceBilling>().RunAsync(CancellationToken.None);
        await hold.WhileHeldAsync(async () =>
        {
            await staff.AdjustAsync(clientId, 10m, "Paid while billing ran");
            return true;
        });
        await run;

        var service = await staff.ServiceAsync(serviceId);
        service.GetProperty("status").GetString().Should().Be("Active", "the balance covered the hour by the time the batch wrote");
        (await staff.BalanceAsync(clientId)).Should().Be(9.99m);
    }

    /// <summary>
    /// "Cancel unpaid pending services" lists the services due, then handles each in its own transaction. One that staff
    /// cancelled after the list was read was handled as if still pending: its cancellation was refused, and the refusal
    /// ended the run, so the unpaid services after it stayed pending. Here the first service's row is held until staff
    /// have cancelled the second: the run leaves that one alone and cancels the third.
    /// </summary>
    [Fact]
    public async Task A_service_cancelled_by_staff_while_the_cancel_schedule_runs_is_left_alone_and_the_rest_are_cancelled()
    {
        var app = fixture.App;
        var staff = await app.SuperAdminClientAsync();
        var product = await staff.CreatePricedProductAsync(cancellationDelayHours: 1, name: "Unpaid race");
        var clientId = await staff.CreateBillingClientAsync("Unpaid Race Ltd");
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++) created.Add((await staff.CreateServiceAsync(clientId, product, startNow: false)).GetProperty("id").GetGuid());
        app.Services.GetRequiredService<BillingClock>().Manual!.Advance(TimeSpan.FromHours(1));

        await using var holder = new Npgsql.NpgsqlConnection(app.PostgresConnectionString);
        await holder.OpenAsync();
        var order = new List<Guid>();
        await using (var list = new Npgsql.NpgsqlCommand("SELECT \"Id\" FROM \"Services\" WHERE \"Id\" = ANY(@ids) ORDER BY \"OrderedAt\", \"Id\"", holder))
        {
            list.Parameters.AddWithValue("ids", created.ToArray());
            await using var rows = await list.ExecuteReaderAsync();
            while (await rows.ReadAsync()) order.Add(rows.GetGuid(0));
        }
        var (first, second, third) = (order[0], order[1], order[2]);
        await using var holding = await holder.BeginTransactionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand("SELECT 1 FROM \"Services\" WHERE \"Id\" = @id FOR UPDATE", holder, holding))
        {
            hold.Parameters.AddWithValue("id", first);
            await hold.ExecuteScalarAsync();
        }
        var run = app.Services.GetRequiredService<ServiceAutomation>().CancelPendingAsync(CancellationToken.None);
        await WaitForBlockedAsync(app.PostgresConnectionString!, (int)holder.ProcessID, "The schedule never waited for the first service's row.");
        (await staff.PostAsync($"/api/admin/v1/services/{second}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await holding.RollbackAsync();
        await FluentActions.Awaiting(() => run).Should().NotThrowAsync();

        foreach (var id in order) (await staff.ServiceAsync(id)).GetProperty("status").GetString().Should().Be("Cancelled");
        var history = await (await staff.GetAsync($"/api/admin/v1/services/{second}/events")).JsonAsync();
        history.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "Cancelled").Select(e => e.GetProperty("actor").GetString())
            .Should().ContainSingle().Which.Should().NotBe("system", "staff cancelled it, the schedule did not");
    }

    /// <summary>
    /// A package switch takes the client's row before the product's and the service's, as ordering, terminating and billing
    /// do: taking it last, a switch racing a termination or an order of the same product deadlocked (a 500 for the victim).
    /// Here the client's row is held: the switch waits for it holding nothing else, so the product's row is free.
    /// </summary>
    [Fact]
    public async Task A_package_switch_waits_for_the_client_s_row_before_it_takes_the_product_s()
    {
        var app = fixture.App;
        var staff = await app.SuperAdminClientAsync();
        var clientId = await staff.CreateBillingClientAsync("Lock Order Ltd");
        await staff.AdjustAsync(clientId, 100m);
        var small = await staff.CreatePricedProductAsync("Daily", 24m, hourlyBilling: false, name: "Lock small");
        var large = await staff.CreatePricedProductAsync("Daily", 48m, hourlyBilling: false, name: "Lock large");
        var serviceId = (await staff.CreateServiceAsync(clientId, small)).GetProperty("id").GetGuid();

        await using var holder = new Npgsql.NpgsqlConnection(app.PostgresConnectionString);
        await holder.OpenAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand("SELECT 1 FROM \"Clients\" WHERE \"Id\" = @id FOR UPDATE", holder, holding))
        {
            hold.Parameters.AddWithValue("id", clientId);
            await hold.ExecuteScalarAsync();
        }
        var switching = staff.PostAsJsonAsync($"/api/admin/v1/services/{serviceId}/change-package", new { productPriceId = large.Price });
        await WaitForBlockedAsync(app.PostgresConnectionString!, (int)holder.ProcessID, "The switch never waited for the client's row.");
        await using (var product = new Npgsql.NpgsqlCommand("SELECT 1 FROM \"Products\" WHERE \"Id\" = @id FOR UPDATE NOWAIT", holder, holding))
        {
            product.Parameters.AddWithValue("id", large.Product);
            await FluentActions.Awaiting(() => product.ExecuteScalarAsync()).Should().NotThrowAsync("the switch holds no row but the client's it waits for");
        }
        await holding.RollbackAsync();
        (await switching).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Waits until a statement of another session waits for the lock that the session <paramref name="holder"/> holds.</summary>
    private static async Task WaitForBlockedAsync(string connectionString, int holder, string failure = "The billing batch never waited for the switch's row.")
    {
        await using var watcher = new Npgsql.NpgsqlConnection(connectionString);
        await watcher.OpenAsync();
        for (var waited = 0; waited < 300; waited++)
        {
            await using var look = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE @holder = ANY(pg_blocking_pids(pid))", watcher);
            look.Parameters.AddWithValue("holder", holder);
            if ((long)(await look.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(100);
        }
        throw new TimeoutException(failure);
    }
}

/// <summary>The clock of an ordinary app is real time and cannot be moved; the test clock is refused in Production.</summary>
public sealed class RealClockApiTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task The_test_clock_is_refused_in_production()
    {
        var start = () => PuqAppFactory.StartAsync(TestDatabase.Sqlite, environment: "Production",
            settings: new Dictionary<string, string?> { ["Clock:Mode"] = "Manual" });
        (await start.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("Clock:Mode=Manual").And.Contain("refused in Production");
    }

    [Fact]
    public async Task Moving_a_real_clock_is_refused()
    {
        var staff = await fixture.App.SuperAdminClientAsync();
        (await (await staff.GetAsync("/api/admin/v1/system/clock")).JsonAsync()).GetProperty("isManual").GetBoolean().Should().BeFalse();
        var response = await staff.PostAsJsonAsync("/api/admin/v1/system/clock/advance", new { hours = 1 });
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Clock:Mode=Manual");
    }
}
