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
    public static TheoryData<string> Kinds => ["user e-mail", "product-group key", "option-group key"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Twelve_parallel_creates_of_one_value_make_one_record_and_name_the_field_in_every_refusal(string kind)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var (url, body, field) = kind switch
        {
            "user e-mail" => ("/api/admin/v1/users", (object)new { email = $"race-{unique}@example.test", password = "User-password-1", firstName = "Rae", lastName = "Race", language = "en" }, "email"),
            "product-group key" => ("/api/admin/v1/product-groups", new { key = $"race-{unique}" }, "key"),
            _ => ("/api/admin/v1/option-groups", new { key = $"race-{unique}" }, "key"),
        };
        var clients = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.SuperAdminClientAsync()));

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync(url, body)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1, "exactly one create wins");
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            refused.StatusCode.Should().BeOneOf([HttpStatusCode.Conflict, HttpStatusCode.BadRequest], await refused.Content.ReadAsStringAsync());
            (await refused.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the refusal names the {field}");
        }
    }
}

public sealed class SqliteUniqueValueRaceTests(SqliteAppFixture fixture) : UniqueValueRaceTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresUniqueValueRaceTests(PostgresAppFixture fixture) : UniqueValueRaceTests(fixture.App), IClassFixture<PostgresAppFixture>;
