using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>Clients, their addresses and users, and client users, through the admin API on both databases.</summary>
public abstract class ClientsApiTests(PuqAppFactory app)
{
    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private async Task<Guid> DefaultCurrencyAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/admin/v1/currencies?search=USD")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();

    private async Task<JsonElement> CreateClientAsync(HttpClient client, string ownerEmail, string company = "Acme Hosting")
    {
        var response = await client.PostAsJsonAsync("/api/admin/v1/clients", new
        {
            owner = new { email = ownerEmail, password = "Owner-password-1" },
            firstName = "Olga", lastName = "Owner", companyName = company, taxId = "PL1234567890", phone = "+48 600 100 200", language = "pl",
            currencyId = await DefaultCurrencyAsync(client), status = "Active",
            billingAddress = new { address1 = "Długa 1", city = "Gdańsk", postcode = "80-001", countryCode = "PL", region = "PL-22" },
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_client_is_created_with_its_owner_and_billing_address_and_found_by_search()
    {
        var client = await app.SuperAdminClientAsync();
        var ownerEmail = Email("owner");
        var company = "Findable " + Guid.NewGuid().ToString("N")[..6];

        var created = await CreateClientAsync(client, ownerEmail, company);

        created.GetProperty("name").GetString().Should().Be(company);
        created.GetProperty("ownerEmail").GetString().Should().Be(ownerEmail);
        created.GetProperty("billingAddress").GetProperty("countryName").GetString().Should().Be("Poland");
        created.GetProperty("balanceText").GetString().Should().Be("$0.00");
        var found = (await (await client.GetAsync($"/api/admin/v1/clients?search={Uri.EscapeDataString(ownerEmail)}")).JsonAsync()).GetProperty("items");
        found.GetArrayLength().Should().Be(1);
        found[0].GetProperty("name").GetString().Should().Be(company);
        found[0].GetProperty("countryCode").GetString().Should().Be("PL");

        // The owner can sign in to the client area with the password given.
        await using var db = app.CreateDbContext();
        var owner = await db.ClientUsers.SingleAsync(u => u.Email == ownerEmail);
        app.Services.GetRequiredService<PasswordHashing>().Verify(owner.PasswordHash, "Owner-password-1").Should().BeTrue();
        (await db.ClientMemberships.CountAsync(m => m.ClientUserId == owner.Id && m.IsOwner)).Should().Be(1);
    }

    [Fact]
    public async Task Bad_fields_are_listed_per_field_and_nothing_is_written()
    {
        var client = await app.SuperAdminClientAsync();
        var ownerEmail = Email("bad");

        var response = await client.PostAsJsonAsync("/api/admin/v1/clients", new
        {
            owner = new { email = ownerEmail, password = "short" },
            firstName = "", lastName = "X", phone = "600100200", language = "pl", currencyId = await DefaultCurrencyAsync(client),
            billingAddress = new { address1 = "", city = "Gdańsk", countryCode = "ZZ" },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "firstName", "phone", "address1", "countryCode", "password" }) errors.TryGetProperty(field, out _).Should().BeTrue(field);
        await using var db = app.CreateDbContext();
        (await db.ClientUsers.AnyAsync(u => u.Email == ownerEmail)).Should().BeFalse();
    }

    [Fact]
    public async Task A_region_must_belong_to_the_country()
    {
        var client = await app.SuperAdminClientAsync();
        var response = await client.PostAsJsonAsync("/api/admin/v1/clients", new
        {
            owner = new { email = Email("region"), password = "Owner-password-1" }, firstName = "R", lastName = "R", language = "en",
            currencyId = await DefaultCurrencyAsync(client), billingAddress = new { address1 = "Main 1", city = "Berlin", countryCode = "DE", region = "PL-22" },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("region")[0].GetString().Should().Contain("region");
    }

    [Fact]
    public async Task Addresses_keep_exactly_one_billing_address()
    {
        var client = await app.SuperAdminClientAsync();
        var id = (await CreateClientAsync(client, Email("addr"))).GetProperty("id").GetGuid();

        // A country code is taken as it is stored, trimmed and in capitals (" pl" was refused as unknown).
        var shipping = await client.PostAsJsonAsync($"/api/admin/v1/clients/{id}/addresses", new { type = "Shipping", name = "Warehouse", address1 = "Portowa 5", city = "Gdynia", countryCode = " pl", region = "PL-22" });
        shipping.StatusCode.Should().Be(HttpStatusCode.Created, await shipping.Content.ReadAsStringAsync());
        (await shipping.JsonAsync()).GetProperty("countryCode").GetString().Should().Be("PL");
        var second = await client.PostAsJsonAsync($"/api/admin/v1/clients/{id}/addresses", new { type = "Billing", name = "Other", address1 = "X 1", city = "Y", countryCode = "PL" });
        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var addresses = await (await client.GetAsync($"/api/admin/v1/clients/{id}/addresses")).JsonAsync();
        addresses.GetArrayLength().Should().Be(2);
        var billingId = addresses.EnumerateArray().Single(a => a.GetProperty("type").GetString() == "Billing").GetProperty("id").GetGuid();
        (await client.DeleteAsync($"/api/admin/v1/clients/{id}/addresses/{billingId}")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await client.DeleteAsync($"/api/admin/v1/clients/{id}/addresses/{(await shipping.JsonAsync()).GetProperty("id").GetGuid()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_client_has_exactly_one_owner_who_cannot_be_removed_only_replaced()
    {
        var client = await app.SuperAdminClientAsync();
        var created = await CreateClientAsync(client, Email("first-owner"));
        var id = created.GetProperty("id").GetGuid();
        var firstOwner = created.GetProperty("ownerId").GetGuid();

        var added = await client.PostAsJsonAsync($"/api/admin/v1/clients/{id}/users",
            new { email = Email("member"), firstName = "Mia", lastName = "Member", password = "Member-password-1", permissions = new[] { ClientPermissions.ManageInvoices } });
        added.StatusCode.Should().Be(HttpStatusCode.Created);
        var member = await added.JsonAsync();
        member.GetProperty("isOwner").GetBoolean().Should().BeFalse();
        member.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).Should().Equal(ClientPermissions.ManageInvoices);
        var memberId = member.GetProperty("userId").GetGuid();

        (await client.DeleteAsync($"/api/admin/v1/clients/{id}/users/{firstOwner}")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await client.PutAsJsonAsync($"/api/admin/v1/clients/{id}/users/{memberId}", new { permissions = new[] { "nonsense" } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await client.PostAsync($"/api/admin/v1/clients/{id}/users/{memberId}/owner", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var users = await (await client.GetAsync($"/api/admin/v1/clients/{id}/users")).JsonAsync();
        users.EnumerateArray().Where(u => u.GetProperty("isOwner").GetBoolean()).Select(u => u.GetProperty("userId").GetGuid()).Should().Equal(memberId);
        (await client.DeleteAsync($"/api/admin/v1/clients/{id}/users/{firstOwner}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_user_who_owns_a_client_cannot_be_deleted_and_says_why()
    {
        var client = await app.SuperAdminClientAsync();
        var created = await CreateClientAsync(client, Email("sole-owner"), "Sole Owner Ltd");

        var response = await client.DeleteAsync($"/api/admin/v1/users/{created.GetProperty("ownerId").GetGuid()}");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.JsonAsync()).GetProperty("detail").GetString().Should().Contain("Sole Owner Ltd");
    }

    [Fact]
    public async Task Users_are_created_edited_and_deleted()
    {
        var client = await app.SuperAdminClientAsync();
        var email = Email("user");
        var created = await client.PostAsJsonAsync("/api/admin/v1/users", new { email, password = "User-password-1", firstName = "Ula", lastName = "User", phone = "+48 500 000 000", language = "en" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        (await client.PostAsJsonAsync("/api/admin/v1/users", new { email, password = "User-password-1", firstName = "U", lastName = "U", language = "en" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        string stampBefore;
        await using (var db = app.CreateDbContext()) stampBefore = (await db.ClientUsers.SingleAsync(u => u.Id == id)).SecurityStamp;
        var updated = await client.PutAsJsonAsync($"/api/admin/v1/users/{id}", new { email, firstName = "Ula", lastName = "Updated", language = "pl", status = "Active", emailVerified = true, phoneVerified = false, newPassword = "Another-password-2" });
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await updated.JsonAsync()).GetProperty("emailVerified").GetBoolean().Should().BeTrue();
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.ClientUsers.SingleAsync(u => u.Id == id);
            stored.SecurityStamp.Should().NotBe(stampBefore, "a new password ends the user's other sessions");
            app.Services.GetRequiredService<PasswordHashing>().Verify(stored.PasswordHash, "Another-password-2").Should().BeTrue();
        }
        (await client.PutAsJsonAsync($"/api/admin/v1/users/{id}", new { email, firstName = "Ula", lastName = "U", language = "pl", status = "Active", twoFactorEnabled = true })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.DeleteAsync($"/api/admin/v1/users/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/admin/v1/users/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Clients_and_users_need_their_permissions()
    {
        var nobody = await app.StaffClientWithAsync(Permissions.DashboardView);
        foreach (var path in new[] { "/api/admin/v1/clients", "/api/admin/v1/users" })
            (await nobody.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);

        var viewer = await app.StaffClientWithAsync(Permissions.ClientsView, Permissions.UsersView, Permissions.CurrenciesView);
        (await viewer.GetAsync("/api/admin/v1/clients")).StatusCode.Should().Be(HttpStatusCode.OK);
        var id = (await CreateClientAsync(await app.SuperAdminClientAsync(), Email("perm"))).GetProperty("id").GetGuid();
        (await viewer.PutAsJsonAsync($"/api/admin/v1/clients/{id}", new { firstName = "A", lastName = "B", language = "en", currencyId = Guid.NewGuid(), status = "Active" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PostAsJsonAsync($"/api/admin/v1/clients/{id}/users", new { email = Email("x"), permissions = Array.Empty<string>() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.DeleteAsync($"/api/admin/v1/users/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteClientsApiTests(SqliteAppFixture fixture) : ClientsApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClientsApiTests(PostgresAppFixture fixture) : ClientsApiTests(fixture.App), IClassFixture<PostgresAppFixture>;
