using Microsoft.EntityFrameworkCore;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// X-Forwarded-For is believed only from the proxies in Network:KnownProxies: behind one, sign-in records and
/// throttling see the real client; without one, nobody can claim another address by sending the header.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("127.0.0.1", "203.0.113.9")]
    public async Task A_forwarded_address_counts_only_when_it_comes_from_a_known_proxy(string? knownProxies, string recordedIp)
    {
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, kestrel: true,
            settings: new Dictionary<string, string?> { ["Network:KnownProxies"] = knownProxies });
        using var client = new HttpClient { BaseAddress = app.ServerAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        await client.RequestTokenAsync(PuqAppFactory.AdminEmail, "Not-the-password-1");

        await using var db = app.CreateDbContext();
        (await db.SignInAttempts.SingleAsync(a => !a.Succeeded)).Ip.Should().Be(recordedIp);
    }
}
