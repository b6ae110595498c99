using System.Net;
using System.Net.Http.Json;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

public abstract class CurrencyApiTests(PuqAppFactory app)
{
    private static string Unused() => new[] { "CHF", "SEK", "NOK", "CZK", "HUF", "JPY", "AUD", "CAD", "DKK", "RON" }[Random.Shared.Next(10)];

    [Fact]
    public async Task A_fresh_install_has_usd_as_the_one_default()
    {
        var client = await app.SuperAdminClientAsync();

        var page = await (await client.GetAsync("/api/admin/v1/currencies?search=usd")).JsonAsync();

        var usd = page.GetProperty("items").EnumerateArray().Single();
        usd.GetProperty("code").GetString().Should().Be("USD");
        usd.GetProperty("isDefault").GetBoolean().Should().BeTrue();
        usd.GetProperty("format").GetString().Should().Be("CommaDot");
    }

    [Fact]
    public async Task Making_a_currency_default_takes_the_default_from_the_old_one()
    {
        var client = await app.SuperAdminClientAsync();
        var created = await client.PostAsJsonAsync("/api/admin/v1/currencies", new { code = "gbp", prefix = "£", exchangeRate = 0.79m, format = "CommaDot", isDefault = false });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var gbp = await created.JsonAsync();
        gbp.GetProperty("code").GetString().Should().Be("GBP");
        gbp.GetProperty("example").GetString().Should().Be("£1,234.50");

        var id = gbp.GetProperty("id").GetGuid();
        (await client.PutAsJsonAsync($"/api/admin/v1/currencies/{id}", new { code = "GBP", prefix = "£", exchangeRate = 0.79m, format = "CommaDot", isDefault = true })).EnsureSuccessStatusCode();
        var defaults = (await (await client.GetAsync("/api/admin/v1/currencies?pageSize=200")).JsonAsync()).GetProperty("items").EnumerateArray().Where(c => c.GetProperty("isDefault").GetBoolean()).ToList();
        defaults.Should().ContainSingle().Which.GetProperty("code").GetString().Should().Be("GBP");

        // The default cannot be switched off directly, nor deleted: another must take its place first.
        var off = await client.PutAsJsonAsync($"/api/admin/v1/currencies/{id}", new { code = "GBP", prefix = "£", exchangeRate = 1m, format = "CommaDot", isDefault = false });
        off.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.DeleteAsync($"/api/admin/v1/currencies/{id}")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var usdId = (await (await client.GetAsync("/api/admin/v1/currencies?search=USD")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        (await client.PutAsJsonAsync($"/api/admin/v1/currencies/{usdId}", new { code = "USD", prefix = "$", exchangeRate = 1m, format = "CommaDot", isDefault = true })).EnsureSuccessStatusCode();
        (await client.DeleteAsync($"/api/admin/v1/currencies/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    /// <summary>
    /// Clients and prices point at a currency's row, while ledger rows and documents keep its code: renamed or given other
    /// decimals once in use, every balance in it would be read as another currency's (a USD balance of 100 became €100).
    /// </summary>
    [Fact]
    public async Task A_currency_clients_use_keeps_its_code_and_decimals_and_its_other_fields_still_change()
    {
        var client = await app.SuperAdminClientAsync();
        var sek = await client.CreateForIdAsync("/api/admin/v1/currencies", new { code = "SEK", suffix = "kr", exchangeRate = 10m, format = "SpaceComma", isDefault = false });
        var url = $"/api/admin/v1/currencies/{sek}";
        // Unused, it may still be corrected.
        (await client.PutAsJsonAsync(url, new { code = "SEK", suffix = "kr", exchangeRate = 10m, format = "SpaceComma", isDefault = false, decimals = 3 })).EnsureSuccessStatusCode();
        await client.CreateForIdAsync("/api/admin/v1/clients", new
        {
            owner = new { email = $"owner-{Guid.NewGuid():N}@example.test", password = "Owner-password-1" },
            firstName = "Sven", lastName = "Krona", language = "en", currencyId = sek, status = "Active",
            billingAddress = new { address1 = "Storgatan 1", city = "Stockholm", postcode = "111 22", countryCode = "SE" },
        });

        var renamed = await client.PutAsJsonAsync(url, new { code = "NOK", suffix = "kr", exchangeRate = 10m, format = "SpaceComma", isDefault = false, decimals = 3 });
        renamed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await renamed.JsonAsync()).GetProperty("errors").GetProperty("code")[0].GetString().Should().Be("SEK is used by 1 client(s): its code and decimals stay as they are. Add a new currency instead.");
        var rescaled = await client.PutAsJsonAsync(url, new { code = "SEK", suffix = "kr", exchangeRate = 10m, format = "SpaceComma", isDefault = false, decimals = 2 });
        rescaled.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await rescaled.JsonAsync()).GetProperty("errors").GetProperty("decimals")[0].GetString().Should().StartWith("SEK is used by 1 client(s)");

        var restyled = await client.PutAsJsonAsync(url, new { code = "sek", suffix = " kr", exchangeRate = 11m, format = "SpaceComma", isDefault = false, decimals = 3 });
        restyled.StatusCode.Should().Be(HttpStatusCode.OK, await restyled.Content.ReadAsStringAsync());
        var saved = await restyled.JsonAsync();
        (saved.GetProperty("code").GetString(), saved.GetProperty("decimals").GetInt32(), saved.GetProperty("exchangeRate").GetDecimal()).Should().Be(("SEK", 3, 11m));
        (await client.DeleteAsync(url)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_fields_come_back_per_field()
    {
        var client = await app.SuperAdminClientAsync();

        var response = await client.PostAsJsonAsync("/api/admin/v1/currencies", new { code = "XYZ1", exchangeRate = -1m });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors.GetProperty("code")[0].GetString().Should().Contain("ISO 4217");
        errors.GetProperty("exchangeRate")[0].GetString().Should().Contain("above zero");
        (await client.PostAsJsonAsync("/api/admin/v1/currencies", new { code = "USD", exchangeRate = 1m })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Each_action_needs_its_permission()
    {
        var viewer = await app.StaffClientWithAsync(Permissions.CurrenciesView);
        (await viewer.GetAsync("/api/admin/v1/currencies")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.PostAsJsonAsync("/api/admin/v1/currencies", new { code = Unused(), exchangeRate = 2m })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var nobody = await app.StaffClientWithAsync();
        (await nobody.GetAsync("/api/admin/v1/currencies")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteCurrencyApiTests(SqliteAppFixture fixture) : CurrencyApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresCurrencyApiTests(PostgresAppFixture fixture) : CurrencyApiTests(fixture.App), IClassFixture<PostgresAppFixture>;
