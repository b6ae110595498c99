using System.Net;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Reset-link poisoning: e-mail links come from Site:PublicUrl alone, never from a request's Host header. Outside
/// Development the console does not start without it and serves only its host.
/// </summary>
public sealed class PublicSiteTests
{
    [Fact]
    public async Task Outside_development_the_console_refuses_to_start_without_a_public_url_and_says_why()
    {
        var start = () => PuqAppFactory.StartAsync(TestDatabase.Sqlite, environment: "Production", settings: new Dictionary<string, string?> { ["Site:PublicUrl"] = "" });

        var refused = await start.Should().ThrowAsync<InvalidOperationException>();
        refused.Which.Message.Should().Contain("Set Site:PublicUrl");
    }

    [Fact]
    public async Task Outside_development_only_the_public_host_is_answered_and_reset_links_point_there()
    {
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, environment: "Production",
            settings: new Dictionary<string, string?> { ["Site:PublicUrl"] = "https://billing.example.test" });
        using var client = app.CreateClient();

        var poisoned = new HttpRequestMessage(HttpMethod.Get, "/health");
        poisoned.Headers.Host = "evil.example";
        var proper = new HttpRequestMessage(HttpMethod.Get, "/health");
        proper.Headers.Host = "billing.example.test";

        (await client.SendAsync(poisoned)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.SendAsync(proper)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_reset_link_ignores_the_host_the_request_came_in_on()
    {
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite,
            settings: new Dictionary<string, string?> { ["Site:PublicUrl"] = "https://billing.example.test" });
        var owner = await app.SignUpAsync();

        // The request is made under another host (client-area.test, see ClientAreaSession): the link must not follow it.
        await app.SendAnonymousAsync(new RequestPasswordReset(owner.Email));

        ClientAreaSession.LinkIn(await app.WaitForMailToAsync(owner.Email)).Should().StartWith("https://billing.example.test/login/reset?token=");
    }
}

/// <summary>The headers every answer carries, and the API docs that Production keeps to itself unless asked.</summary>
public sealed class SecurityHeaderTests
{
    [Fact]
    public async Task Pages_and_api_answers_carry_the_security_headers()
    {
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite);
        using var client = app.CreateClient();

        foreach (var url in new[] { "/admin/login", "/api/admin/v1/me", "/health" })
        {
            var response = await client.GetAsync(url);
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal(["nosniff"], url);
            response.Headers.GetValues("Referrer-Policy").Should().Equal(["same-origin"], url);
            response.Headers.GetValues("X-Frame-Options").Should().Equal(["DENY"], url);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            policy.Should().Contain("frame-ancestors 'none'", url).And.Contain("object-src 'none'", url);
            System.Text.RegularExpressions.Regex.IsMatch(policy, "script-src 'self' 'nonce-[0-9A-F]{32}';").Should().BeTrue(policy);
        }

        // The one inline script, the import map, carries this answer's nonce, and the next answer has another.
        var page = await client.GetAsync("/admin/login");
        var nonce = System.Text.RegularExpressions.Regex.Match(page.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        (await page.Content.ReadAsStringAsync()).Should().Contain($"<script type=\"importmap\" nonce=\"{nonce}\">");
        var next = (await client.GetAsync("/admin/login")).Headers.GetValues("Content-Security-Policy").Single();
        next.Should().NotContain(nonce);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("true", HttpStatusCode.OK)]
    public async Task In_production_the_api_docs_are_there_only_when_asked_for(string? docsInProduction, HttpStatusCode expected)
    {
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Site:PublicUrl"] = "https://billing.example.test",
            ["Api:DocsInProduction"] = docsInProduction,
        });
        using var client = app.CreateClient();

        (await client.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(expected);
    }
}
