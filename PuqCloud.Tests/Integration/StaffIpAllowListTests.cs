using System.Net;
using System.Net.Http.Json;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// An administrator's session IPs, set through the admin API, over a real socket so that requests come
/// from 127.0.0.1: outside the list, sign-in and existing tokens are refused; inside it, both work.
/// </summary>
public abstract class StaffIpAllowListTests(TestDatabase database) : IAsyncLifetime
{
    private const string Password = "Allowlisted-admin-9";
    private PuqAppFactory _app = default!;

    public async Task InitializeAsync() => _app = await PuqAppFactory.StartAsync(database, kestrel: true);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpClient NewClient() => new() { BaseAddress = _app.ServerAddress };

    [Fact]
    public async Task Outside_the_allowlist_sign_in_and_tokens_are_refused_inside_they_work()
    {
        using var super = NewClient().WithBearer(await NewClient().GetTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword));
        var email = $"ip-{Guid.NewGuid():N}@example.test";
        var created = await super.PostAsJsonAsync("/api/admin/v1/admins",
            new { email, firstName = "Ida", lastName = "Ip", language = "en", groupIds = Array.Empty<Guid>(), isSuperAdmin = false, password = Password, confirmPassword = Password });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        using var own = NewClient().WithBearer(await NewClient().GetTokenAsync(email, Password));
        (await own.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        Task<HttpResponseMessage> SetAllowedIps(string allowedIps) => super.PutAsJsonAsync($"/api/admin/v1/admins/{id}",
            new { email, firstName = "Ida", lastName = "Ip", language = "en", status = "Active", isSuperAdmin = false, groupIds = Array.Empty<Guid>(), allowedIps });

        var invalid = await SetAllowedIps("10.0.0.0/8\nlocalhost");
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await invalid.JsonAsync()).GetProperty("errors").GetProperty("allowedIps")[0].GetString().Should().Contain("localhost");

        (await SetAllowedIps("10.0.0.0/8")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await NewClient().RequestTokenAsync(email, Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await own.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await SetAllowedIps("10.0.0.0/8\n127.0.0.1/32")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await own.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await NewClient().RequestTokenAsync(email, Password)).StatusCode.Should().Be(HttpStatusCode.OK);

        // One's own list must keep the address one works from: saving it signed the (last super) admin out for good.
        var me = (await (await super.GetAsync("/api/admin/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        var outside = await super.PutAsJsonAsync($"/api/admin/v1/admins/{me}", new { allowedIps = "10.0.0.0/8" });
        outside.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await outside.JsonAsync()).GetProperty("errors").GetProperty("allowedIps")[0].GetString().Should().Contain("does not include the address you are using (127.0.0.1)");
        (await super.PutAsJsonAsync($"/api/admin/v1/admins/{me}", new { allowedIps = "10.0.0.0/8\n127.0.0.0/8" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await super.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class SqliteStaffIpAllowListTests() : StaffIpAllowListTests(TestDatabase.Sqlite);

public sealed class PostgresStaffIpAllowListTests() : StaffIpAllowListTests(TestDatabase.Postgres);
