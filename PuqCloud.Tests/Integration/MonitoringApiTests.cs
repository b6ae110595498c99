using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Features.Auth;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Monitoring;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>Admin Sessions, Client Sessions and the Activity Log: what gets recorded, and how the lists filter.</summary>
public abstract class MonitoringApiTests(PuqAppFactory app)
{
    private Task FlushAsync() => app.Services.GetRequiredService<IRequestLogWriter>().FlushAsync();

    // The lists' own requests are recorded too, with the search text in their query string; searching for
    // "marker=…" keeps them out, because there the '=' is written as %3D.
    private static string Find(string marker) => Uri.EscapeDataString("marker=" + marker);

    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [Fact]
    public async Task An_api_call_is_recorded_with_its_actor_channel_method_and_a_masked_url()
    {
        var admin = await app.SuperAdminClientAsync();
        var marker = Guid.NewGuid().ToString("N")[..10];

        (await admin.GetAsync($"/api/admin/v1/me?token=secret-value&marker={marker}&password=hunter2")).EnsureSuccessStatusCode();
        await FlushAsync();

        var me = await GetJsonAsync(admin, "/api/admin/v1/me");
        var row = Items(await GetJsonAsync(admin, $"/api/admin/v1/admin-sessions?search={Find(marker)}")).Should().ContainSingle().Subject;
        row.GetProperty("url").GetString().Should().Be($"/api/admin/v1/me?token=***&marker={marker}&password=***");
        row.GetProperty("channel").GetString().Should().Be("API");
        row.GetProperty("method").GetString().Should().Be("GET");
        row.GetProperty("email").GetString().Should().Be(PuqAppFactory.AdminEmail);
        row.GetProperty("staffId").GetGuid().Should().Be(me.GetProperty("id").GetGuid());

        await using var db = app.CreateDbContext();
        db.RequestLog.Where(e => e.Url.Contains("secret-value") || e.Url.Contains("hunter2")).Should().BeEmpty("secrets never reach the log");
    }

    [Fact]
    public async Task A_cookie_page_request_is_recorded_as_web_and_static_files_are_not()
    {
        await app.AddStaffAsync("cookie-admin@example.test", "Cookie-admin-2026", superAdmin: true);
        var browser = await app.StaffCookieClientAsync("cookie-admin@example.test", "Cookie-admin-2026");
        var marker = Guid.NewGuid().ToString("N")[..10];

        (await browser.GetAsync($"/admin/monitoring/admin-sessions?code=123456&marker={marker}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.GetAsync($"/css/app.css?marker={marker}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.GetAsync($"/health?marker={marker}")).EnsureSuccessStatusCode();
        await FlushAsync();

        var admin = await app.SuperAdminClientAsync();
        var row = Items(await GetJsonAsync(admin, $"/api/admin/v1/admin-sessions?search={Find(marker)}")).Should().ContainSingle().Subject;
        row.GetProperty("url").GetString().Should().Be($"/admin/monitoring/admin-sessions?code=***&marker={marker}");
        row.GetProperty("channel").GetString().Should().Be("WEB");
        row.GetProperty("method").GetString().Should().Be("GET");
        row.GetProperty("email").GetString().Should().Be("cookie-admin@example.test");
        row.GetProperty("name").GetString().Should().Be("Test Staff");
    }

    [Fact]
    public async Task Hide_me_leaves_out_the_asking_admins_rows_and_dates_filter_the_period()
    {
        var admin = await app.SuperAdminClientAsync();
        var watcher = await app.StaffClientWithAsync(Permissions.AdminSessionsView);
        var marker = Guid.NewGuid().ToString("N")[..10];
        (await admin.GetAsync($"/api/admin/v1/me?marker={marker}")).EnsureSuccessStatusCode();
        (await watcher.GetAsync($"/api/admin/v1/me?marker={marker}")).EnsureSuccessStatusCode();
        await FlushAsync();
        var watcherId = (await GetJsonAsync(watcher, "/api/admin/v1/me")).GetProperty("id").GetGuid();

        Items(await GetJsonAsync(watcher, $"/api/admin/v1/admin-sessions?search={Find(marker)}")).Should().HaveCount(2);
        var others = Items(await GetJsonAsync(watcher, $"/api/admin/v1/admin-sessions?search={Find(marker)}&hideMe=true"));
        others.Should().ContainSingle().Which.GetProperty("email").GetString().Should().Be(PuqAppFactory.AdminEmail);
        others.Should().NotContain(r => r.GetProperty("staffId").GetGuid() == watcherId);

        // Rows of known instants: from is inclusive, to exclusive.
        var old = Guid.NewGuid().ToString("N")[..10];
        await using (var db = app.CreateDbContext())
        {
            db.RequestLog.Add(new RequestLogEntry { At = new DateTime(2021, 3, 10, 12, 0, 0, DateTimeKind.Utc), ActorKind = ActorKind.Staff, StaffId = watcherId, Name = "Old", Url = $"/admin/{old}/a", Channel = "WEB", Method = "GET" });
            db.RequestLog.Add(new RequestLogEntry { At = new DateTime(2021, 3, 12, 8, 30, 0, DateTimeKind.Utc), ActorKind = ActorKind.Staff, StaffId = watcherId, Name = "Old", Url = $"/admin/{old}/b", Channel = "WEB", Method = "POST" });
            await db.SaveChangesAsync();
        }
        Items(await GetJsonAsync(admin, $"/api/admin/v1/admin-sessions?search={Uri.EscapeDataString($"/admin/{old}/")}")).Select(r => r.GetProperty("url").GetString())
            .Should().Equal($"/admin/{old}/b", $"/admin/{old}/a"); // newest first
        Items(await GetJsonAsync(admin, $"/api/admin/v1/admin-sessions?search={Uri.EscapeDataString($"/admin/{old}/")}&from=2021-03-10T00:00:00Z&to=2021-03-11T00:00:00Z"))
            .Should().ContainSingle().Which.GetProperty("url").GetString().Should().Be($"/admin/{old}/a");
        Items(await GetJsonAsync(admin, $"/api/admin/v1/admin-sessions?search={Uri.EscapeDataString($"/admin/{old}/")}&from=2021-03-11T00:00:00Z"))
            .Should().ContainSingle().Which.GetProperty("method").GetString().Should().Be("POST");
        Items(await GetJsonAsync(admin, $"/api/admin/v1/admin-sessions?search={Uri.EscapeDataString($"/admin/{old}/")}&to=2021-03-10T12:00:00Z")).Should().BeEmpty();
        Items(await GetJsonAsync(admin, $"/api/admin/v1/admin-sessions?search={Find(marker)}&from=2021-01-01T00:00:00Z&to=2021-12-31T00:00:00Z")).Should().BeEmpty();
    }

    [Fact]
    public async Task Client_user_requests_land_in_client_sessions_only_with_their_client()
    {
        var user = await app.AddClientUserAsync($"user-{Guid.NewGuid():N}@example.test", "Client-user-2026", "Cora", "Buyer");
        var company = "Acme " + Guid.NewGuid().ToString("N")[..6];
        await using (var db = app.CreateDbContext())
        {
            var currency = db.Currencies.Single(c => c.IsDefault);
            var client = new Client { FirstName = "Cora", LastName = "Buyer", CompanyName = company, CurrencyId = currency.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Clients.Add(client);
            db.ClientMemberships.Add(new ClientMembership { ClientId = client.Id, ClientUserId = user.Id, IsOwner = true, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var browser = await app.ClientCookieClientAsync(user.Email, "Client-user-2026");
        var marker = Guid.NewGuid().ToString("N")[..10];

        (await browser.GetAsync($"/?marker={marker}&reset_token=abc")).StatusCode.Should().Be(HttpStatusCode.OK);
        await FlushAsync();

        var admin = await app.SuperAdminClientAsync();
        var row = Items(await GetJsonAsync(admin, $"/api/admin/v1/client-sessions?search={Find(marker)}")).Should().ContainSingle().Subject;
        row.GetProperty("url").GetString().Should().Be($"/?marker={marker}&reset_token=***");
        row.GetProperty("clientName").GetString().Should().Be(company);
        row.GetProperty("name").GetString().Should().Be("Cora Buyer");
        row.GetProperty("email").GetString().Should().Be(user.Email);
        row.GetProperty("channel").GetString().Should().Be("WEB");
        Items(await GetJsonAsync(admin, $"/api/admin/v1/client-sessions?search={Uri.EscapeDataString(company)}")).Should().NotBeEmpty("the client's name is searched too");
        Items(await GetJsonAsync(admin, $"/api/admin/v1/admin-sessions?search={Find(marker)}")).Should().BeEmpty();
    }

    [Fact]
    public async Task The_activity_log_lists_commands_with_their_actor_filters_them_and_shows_before_and_after()
    {
        var admin = await app.SuperAdminClientAsync();
        var me = await GetJsonAsync(admin, "/api/admin/v1/me");
        var created = await admin.PostAsJsonAsync("/api/admin/v1/currencies", new { code = "SEK", suffix = "kr", exchangeRate = 2.5m, format = "SpaceComma", isDefault = false });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync($"/api/admin/v1/currencies/{id}", new { code = "SEK", suffix = "kr", exchangeRate = 3.75m, format = "SpaceComma", isDefault = false })).EnsureSuccessStatusCode();

        var entries = Items(await GetJsonAsync(admin, $"/api/admin/v1/activity-log?search={id}"));
        entries.Select(e => e.GetProperty("action").GetString()).Should().Equal("UpdateCurrency", "CreateCurrency");
        var update = entries[0];
        update.GetProperty("actionText").GetString().Should().Be("Update currency");
        update.GetProperty("actorKind").GetString().Should().Be("Staff");
        update.GetProperty("actorId").GetGuid().Should().Be(me.GetProperty("id").GetGuid());
        update.GetProperty("actorName").GetString().Should().Be("Super Admin");
        update.GetProperty("succeeded").GetBoolean().Should().BeTrue();
        update.GetProperty("channel").GetString().Should().Be("API");

        Items(await GetJsonAsync(admin, "/api/admin/v1/activity-log?search=update%20currency")).Should().Contain(e => e.GetProperty("id").GetGuid() == update.GetProperty("id").GetGuid());
        var today = DateTime.UtcNow.Date;
        Items(await GetJsonAsync(admin, $"/api/admin/v1/activity-log?search={id}&from={today.AddDays(1):yyyy-MM-dd}T00:00:00Z")).Should().BeEmpty();
        Items(await GetJsonAsync(admin, $"/api/admin/v1/activity-log?search={id}&to={today:yyyy-MM-dd}T00:00:00Z")).Should().BeEmpty();
        Items(await GetJsonAsync(admin, $"/api/admin/v1/activity-log?search={id}&from={today:yyyy-MM-dd}T00:00:00Z&to={today.AddDays(1):yyyy-MM-dd}T00:00:00Z")).Should().HaveCount(2);

        var detail = await GetJsonAsync(admin, $"/api/admin/v1/activity-log/{update.GetProperty("id").GetGuid()}");
        var change = detail.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("entity").GetString() == "Currency");
        change.GetProperty("state").GetString().Should().Be("Modified");
        change.GetProperty("id").GetString().Should().Be(id.ToString());
        var rate = change.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "ExchangeRate");
        decimal.Parse(rate.GetProperty("before").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Should().Be(2.5m);
        decimal.Parse(rate.GetProperty("after").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Should().Be(3.75m);

        // A refused command is recorded as failed, with its error.
        (await admin.DeleteAsync($"/api/admin/v1/currencies/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var failed = Items(await GetJsonAsync(admin, "/api/admin/v1/activity-log?search=deletecurrency")).First();
        failed.GetProperty("succeeded").GetBoolean().Should().BeFalse();
        failed.GetProperty("error").GetString().Should().Contain("no such currency");

        (await admin.GetAsync($"/api/admin/v1/activity-log/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_sign_in_refused_as_a_value_is_recorded_as_failed_with_its_reason()
    {
        var refused = await app.SendAnonymousAsync(new SignInStaff(PuqAppFactory.AdminEmail, "Not-the-password-1"));
        var accepted = await app.SendAnonymousAsync(new SignInStaff(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword));

        refused.Outcome.Should().Be(SignInOutcome.Failed);
        accepted.Outcome.Should().Be(SignInOutcome.Succeeded);
        await using var db = app.CreateDbContext();
        var entries = await db.ActivityLog.Where(e => e.Action == nameof(SignInStaff)).OrderByDescending(e => e.At).Take(2).ToListAsync();
        entries.Should().HaveCount(2);
        entries[0].Succeeded.Should().BeTrue();
        entries[0].Error.Should().BeNull();
        entries[1].Succeeded.Should().BeFalse("the password was wrong, although the handler answered without throwing");
        entries[1].Error.Should().StartWith("Failed: ");
    }

    [Fact]
    public async Task Each_monitoring_list_needs_its_permission()
    {
        var nobody = await app.StaffClientWithAsync();
        foreach (var url in new[] { "/api/admin/v1/admin-sessions", "/api/admin/v1/client-sessions", "/api/admin/v1/activity-log", $"/api/admin/v1/activity-log/{Guid.NewGuid()}" })
            (await nobody.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Forbidden, url);

        var sessionsOnly = await app.StaffClientWithAsync(Permissions.AdminSessionsView);
        (await sessionsOnly.GetAsync("/api/admin/v1/admin-sessions")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await sessionsOnly.GetAsync("/api/admin/v1/client-sessions")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await sessionsOnly.GetAsync("/api/admin/v1/activity-log")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var clientSessions = await app.StaffClientWithAsync(Permissions.ClientSessionsView);
        (await clientSessions.GetAsync("/api/admin/v1/client-sessions")).StatusCode.Should().Be(HttpStatusCode.OK);
        var activity = await app.StaffClientWithAsync(Permissions.ActivityLogView);
        (await activity.GetAsync("/api/admin/v1/activity-log")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class SqliteMonitoringApiTests(SqliteAppFixture fixture) : MonitoringApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresMonitoringApiTests(PostgresAppFixture fixture) : MonitoringApiTests(fixture.App), IClassFixture<PostgresAppFixture>;
