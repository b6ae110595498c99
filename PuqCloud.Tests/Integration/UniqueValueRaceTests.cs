using System.Net;
using System.Net.Http.Json;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Twelve creates racing with one unique value: one is created, every other is refused with the field named (409 when
/// the unique index caught it, 400 when the use case's own check did), and none is a server error.
/// </summary>
public abstract class UniqueValueRaceTests(PuqAppFactory app)
{
    public static TheoryData<string> Kinds => ["user e-mail", "product-group key", "option-group key", "product's attribute"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Twelve_parallel_creates_of_one_value_make_one_record_and_name_the_field_in_every_refusal(string kind)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var (url, body, field) = kind switch
        {
            "user e-mail" => ("/api/admin/v1/users", (object)new { email = $"race-{unique}@example.test", password = "User-password-1", firstName = "Rae", lastName = "Race", language = "en" }, "email"),
            "product-group key" => ("/api/admin/v1/product-groups", new { key = $"race-{unique}" }, "key"),
            // A composite primary key (product, attribute): PostgreSQL names only the constraint.
            "product's attribute" => await ProductAttributeAsync(unique),
            _ => ("/api/admin/v1/option-groups", new { key = $"race-{unique}" }, "key"),
        };
        var clients = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.SuperAdminClientAsync()));

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync(url, body)));

        responses.Count(r => r.IsSuccessStatusCode).Should().Be(1, "exactly one create wins");
        foreach (var refused in responses.Where(r => !r.IsSuccessStatusCode))
        {
            refused.StatusCode.Should().BeOneOf([HttpStatusCode.Conflict, HttpStatusCode.BadRequest], await refused.Content.ReadAsStringAsync());
            (await refused.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the refusal names the {field}");
        }
    }

    /// <summary>A product and an attribute, and the request that puts the attribute on the product.</summary>
    private async Task<(string Url, object Body, string Field)> ProductAttributeAsync(string unique)
    {
        var client = await app.SuperAdminClientAsync();
        var product = await (await client.PostAsJsonAsync("/api/admin/v1/products", new { key = $"race-{unique}" })).JsonAsync();
        var group = await (await client.PostAsJsonAsync("/api/admin/v1/attribute-groups", new { key = $"race-{unique}" })).JsonAsync();
        var attribute = await (await client.PostAsJsonAsync($"/api/admin/v1/attribute-groups/{group.GetProperty("id").GetGuid()}/attributes",
            new { key = $"race-{unique}", name = new { en = "Race" } })).JsonAsync();
        return ($"/api/admin/v1/products/{product.GetProperty("id").GetGuid()}/attributes", new { attributeId = attribute.GetProperty("id").GetGuid() }, "attributeId");
    }
}

public sealed class SqliteUniqueValueRaceTests(SqliteAppFixture fixture) : UniqueValueRaceTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresUniqueValueRaceTests(PostgresAppFixture fixture) : UniqueValueRaceTests(fixture.App), IClassFixture<PostgresAppFixture>;
