using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Health, token issuance, 401/403 and validation problem details against the real app. The same tests
/// run on SQLite and on PostgreSQL (the two subclasses below).
/// </summary>
public abstract class AdminApiTests(PuqAppFactory app)
{
    private static string NewEmail() => $"staff-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task Health_answers_200_with_json_once_migrated_and_scheduled()
    {
        var response = await app.CreateClient().GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body.GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task Token_from_credentials_reads_me_with_permissions()
    {
        var client = app.CreateClient();
        var response = await client.RequestTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var issued = await response.JsonAsync();
        var token = issued.GetProperty("token").GetString()!;
        token.Should().StartWith("puq_");
        issued.GetProperty("expiresAt").GetDateTime().Should().BeAfter(DateTime.UtcNow);

        var me = await client.WithBearer(token).GetAsync("/api/admin/v1/me");
        me.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await me.JsonAsync();
        body.GetProperty("email").GetString().Should().Be(PuqAppFactory.AdminEmail);
        body.GetProperty("id").GetGuid().Should().NotBeEmpty();
        body.GetProperty("name").GetString().Should().NotBeNullOrWhiteSpace();
        body.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).Should().BeEquivalentTo(Permissions.All);
    }

    [Fact]
    public async Task Token_is_stored_hashed()
    {
        var token = await app.CreateClient().GetTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);

        await using var db = app.CreateDbContext();
        var hashes = await db.ApiTokens.Select(t => t.TokenHash).ToListAsync();
        hashes.Should().Contain(ApiTokenFormat.Hash(token));
        hashes.Should().NotContain(token);
    }

    [Fact]
    public async Task Wrong_password_is_401_problem_details()
    {
        var response = await app.CreateClient().RequestTokenAsync(PuqAppFactory.AdminEmail, "not-the-password-1");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.JsonAsync()).GetProperty("status").GetInt32().Should().Be(401);
    }

    [Fact]
    public async Task Missing_fields_are_400_with_per_field_messages()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/admin/v1/auth/token", new { email = "", password = "" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors.GetProperty("email")[0].GetString().Should().Contain("e-mail");
        errors.GetProperty("password")[0].GetString().Should().Contain("password");
    }

    [Theory]
    [InlineData("/api/admin/v1/me")]
    [InlineData("/api/admin/v1/tokens")]
    [InlineData("/api/admin/v1/system/status")]
    public async Task Without_a_token_the_api_is_401_problem_details(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task An_unknown_token_is_401()
    {
        var response = await app.CreateClient().WithBearer("puq_" + new string('x', 43)).GetAsync("/api/admin/v1/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Session_cookies_do_not_open_the_api()
    {
        // The API reads only bearer tokens, so a page can never be tricked into calling it with a cookie.
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".puq.staff=anything");
        var response = await client.GetAsync("/api/admin/v1/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Staff_without_the_permission_get_403()
    {
        var email = NewEmail();
        await app.AddStaffAsync(email, "Plain-staff-123", superAdmin: false);
        var client = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(email, "Plain-staff-123"));

        var denied = await client.GetAsync("/api/admin/v1/system/status");
        denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await denied.JsonAsync()).GetProperty("detail").GetString().Should().Contain(Permissions.DashboardView);

        // Their own account stays theirs to read.
        (await client.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Super_admin_reads_the_system_status_with_a_heartbeat()
    {
        var client = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword));

        var status = await (await client.GetAsync("/api/admin/v1/system/status")).JsonAsync();

        status.GetProperty("databaseProvider").GetString().Should().Be(app.Database.ToString());
        status.GetProperty("nodes").EnumerateArray().Should().Contain(n => n.GetProperty("name").GetString() == "test-node");
    }

    [Fact]
    public async Task Personal_tokens_are_listed_and_revoked()
    {
        var email = NewEmail();
        await app.AddStaffAsync(email, "Token-owner-123", superAdmin: false);
        var client = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(email, "Token-owner-123"));

        var created = await client.PostAsJsonAsync("/api/admin/v1/tokens", new { name = "export script", lifetimeDays = 30 });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var issued = await created.JsonAsync();
        var personal = issued.GetProperty("token").GetString()!;
        var id = issued.GetProperty("id").GetGuid();
        // Asked for with the sign-in token (hours), it expires no later than that one: a token cannot renew itself for a year.
        await using (var tokens = app.CreateDbContext())
        {
            var staffId = await tokens.StaffAccounts.Where(a => a.Email == email).Select(a => a.Id).SingleAsync();
            var signIn = await tokens.ApiTokens.Where(t => t.StaffAccountId == staffId && t.Name == "API sign-in").Select(t => t.ExpiresAt).SingleAsync();
            issued.GetProperty("expiresAt").GetDateTime().ToUniversalTime().Should().BeOnOrBefore(signIn).And.BeBefore(DateTime.UtcNow.AddDays(1));
        }

        var list = await (await client.GetAsync("/api/admin/v1/tokens")).JsonAsync();
        list.EnumerateArray().Should().Contain(t => t.GetProperty("id").GetGuid() == id && t.GetProperty("name").GetString() == "export script");
        list.GetRawText().Should().NotContain(personal);

        var other = app.CreateClient().WithBearer(personal);
        (await other.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.DeleteAsync($"/api/admin/v1/tokens/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await other.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);


        // The audit keeps the before/after of what the revocation changed.
        await using var db = app.CreateDbContext();
        var revocation = (await db.ActivityLog.Where(a => a.Action == "RevokeApiToken").ToListAsync()).Single(a => a.Changes!.Contains(id.ToString()));
        using var changes = System.Text.Json.JsonDocument.Parse(revocation.Changes!);
        var change = changes.RootElement[0];
        change.GetProperty("State").GetString().Should().Be("Modified");
        change.GetProperty("Before").GetProperty("RevokedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        change.GetProperty("After").GetProperty("RevokedAt").GetDateTime().Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_disabled_account_loses_its_tokens_at_once()
    {
        var email = NewEmail();
        var staff = await app.AddStaffAsync(email, "Soon-disabled-1", superAdmin: true);
        var client = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(email, "Soon-disabled-1"));
        (await client.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using (var db = app.CreateDbContext())
        {
            var stored = await db.StaffAccounts.SingleAsync(s => s.Id == staff.Id);
            stored.Status = PuqCloud.Core.Domain.Common.AccountStatus.Disabled;
            await db.SaveChangesAsync();
        }

        (await client.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_with_bad_fields_is_400_and_nothing_is_written()
    {
        var client = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword));
        await using var db = app.CreateDbContext();
        var before = await db.ApiTokens.CountAsync();

        var response = await client.PostAsJsonAsync("/api/admin/v1/tokens", new { name = "", lifetimeDays = 5000 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors.TryGetProperty("name", out _).Should().BeTrue();
        errors.TryGetProperty("lifetimeDays", out _).Should().BeTrue();
        (await db.ApiTokens.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Expired_tokens_are_refused()
    {
        var token = await app.CreateClient().GetTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.ApiTokens.SingleAsync(t => t.TokenHash == ApiTokenFormat.Hash(token));
            stored.ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        (await app.CreateClient().WithBearer(token).GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Commands_are_audited_without_secrets()
    {
        var client = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword));
        var created = await (await client.PostAsJsonAsync("/api/admin/v1/tokens", new { name = "audited token", lifetimeDays = 7 })).JsonAsync();
        var token = created.GetProperty("token").GetString()!;

        await using var db = app.CreateDbContext();
        var entry = (await db.ActivityLog.Where(a => a.Action == "CreateApiToken").ToListAsync())
            .Single(a => a.Changes!.Contains("audited token"));
        entry.ActorKind.Should().Be(ActorKind.Staff);
        entry.Channel.Should().Be(Channels.Api);
        entry.Succeeded.Should().BeTrue();
        entry.ActorId.Should().Be(await db.StaffAccounts.Where(s => s.Email == PuqAppFactory.AdminEmail).Select(s => s.Id).SingleAsync());
        entry.Changes.Should().NotContain(token).And.NotContain(ApiTokenFormat.Hash(token)).And.Contain("***");
        (await db.ActivityLog.AnyAsync(a => a.Changes != null && a.Changes.Contains(PuqAppFactory.AdminPassword))).Should().BeFalse();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_that_address_with_429_and_retry_after()
    {
        var email = NewEmail();
        await app.AddStaffAsync(email, "Lockout-target-1", superAdmin: false);
        var client = app.CreateClient();
        for (int i = 0; i < 5; i++) await client.RequestTokenAsync(email, "wrong-password-" + i);

        var right = await client.RequestTokenAsync(email, "Lockout-target-1");

        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        right.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 15 * 60);
        (await right.JsonAsync()).GetProperty("detail").GetString().Should().Contain("Too many failed sign-ins");
    }

    [Fact]
    public async Task Two_factor_accounts_need_a_fresh_code_for_a_token()
    {
        var email = NewEmail();
        var staff = await app.AddStaffAsync(email, "Two-factor-123", superAdmin: false);
        var secret = Totp.NewSecret();
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.StaffAccounts.SingleAsync(s => s.Id == staff.Id);
            stored.TwoFactorEnabled = true;
            stored.TotpSecret = app.Services.GetRequiredService<ISecretProtector>().Protect(Base32.Encode(secret));
            await db.SaveChangesAsync();
        }
        var client = app.CreateClient();

        var withoutCode = await client.RequestTokenAsync(email, "Two-factor-123");
        withoutCode.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await withoutCode.JsonAsync()).GetProperty("detail").GetString().Should().Contain("totpCode");

        var code = Totp.Compute(secret, Totp.StepAt(DateTimeOffset.UtcNow));
        (await client.RequestTokenAsync(email, "Two-factor-123", code)).StatusCode.Should().Be(HttpStatusCode.OK);
        // The same code a second time is refused: codes are single-use.
        (await client.RequestTokenAsync(email, "Two-factor-123", code)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Openapi_document_lists_the_endpoints()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/admin/v1/auth/token", "/api/admin/v1/me", "/api/admin/v1/tokens"]);
    }
}

public sealed class SqliteAdminApiTests(SqliteAppFixture fixture) : AdminApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresAdminApiTests(PostgresAppFixture fixture) : AdminApiTests(fixture.App), IClassFixture<PostgresAppFixture>;

/// <summary>What Development forgives: outside it, a body the API cannot read still gets a problem-details answer.</summary>
public sealed class ProductionProblemTests
{
    [Fact]
    public async Task In_production_a_body_or_query_value_the_api_cannot_read_is_a_400_problem_saying_so()
    {
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, environment: "Production",
            settings: new Dictionary<string, string?> { ["Site:PublicUrl"] = "https://billing.example.test" });
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var body = await client.PostAsync("/api/admin/v1/auth/token", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));

        body.StatusCode.Should().Be(HttpStatusCode.BadRequest, await body.Content.ReadAsStringAsync());
        body.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        (await body.JsonAsync()).GetProperty("detail").GetString().Should().Contain("body");

        // A query value that is not of its parameter's type is named under it (the generated request delegates answer a bare
        // 400 for it, in every environment).
        var staff = client.WithBearer(await client.GetTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword));
        var query = await staff.GetAsync("/api/admin/v1/invoices?clientId=abc&kind=proforma&page=2");
        query.StatusCode.Should().Be(HttpStatusCode.BadRequest, await query.Content.ReadAsStringAsync());
        query.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var errors = (await query.JsonAsync()).GetProperty("errors");
        errors.EnumerateObject().Select(e => (e.Name, e.Value[0].GetString())).Should().BeEquivalentTo(new[]
        {
            ("clientId", "\"abc\" is not an id (a GUID such as 01a24fa6-05cc-7878-936f-36fa1b993367)."),
            ("kind", "\"proforma\" is not one of Proforma, Invoice, CreditNote."),
        });
        var paging = await staff.GetAsync("/api/admin/v1/invoices?pageSize=many");
        (await paging.JsonAsync()).GetProperty("errors").GetProperty("pageSize")[0].GetString().Should().Be("\"many\" is not a whole number.");
    }
}
