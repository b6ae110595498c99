using System.Net;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>Guessing from one address is throttled, whichever accounts it tries. Runs over a real socket so that the client has an address.</summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private PuqAppFactory _app = default!;

    public async Task InitializeAsync() => _app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, kestrel: true,
        settings: new Dictionary<string, string?> { ["SignIn:MaxFailuresPerIp"] = "3" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Failures_from_one_address_stop_even_the_right_password_for_a_while()
    {
        using var client = new HttpClient { BaseAddress = _app.ServerAddress };
        for (int i = 0; i < 3; i++)
            (await client.RequestTokenAsync($"nobody{i}@example.test", "wrong-password-1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var right = await client.RequestTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);

        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        right.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 15 * 60, "the oldest failure leaves the window within 15 minutes");
        (await right.JsonAsync()).GetProperty("detail").GetString().Should().Contain("Too many failed sign-ins");
        await using var db = _app.CreateDbContext();
        (await db.SignInAttempts.CountAsync(a => a.Ip == "127.0.0.1" && !a.Succeeded)).Should().Be(3);
    }
}
