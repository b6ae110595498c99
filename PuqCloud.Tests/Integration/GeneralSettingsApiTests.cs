using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>The General settings document and the countries with their regions, over the admin API.</summary>
public abstract class GeneralSettingsApiTests(PuqAppFactory app)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static async Task<GeneralSettings> ReadAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<GeneralSettings>("/api/admin/v1/settings/general", Web))!;

    [Fact]
    public async Task General_settings_start_from_the_defaults_and_round_trip()
    {
        var admin = await app.SuperAdminClientAsync();
        var before = await ReadAsync(admin);
        before.Finance.Should().Be(GeneralSettings.Defaults.Finance);

        var changed = new GeneralSettings(
            new RetentionSettings(7, 14, 30, 45, 730),
            new FinanceSettings(10.5m, 2500m, 20000.25m, 30),
            new ClientSettings(120),
            new SocialSettings(" https://example.test ", "https://facebook.com/example", "", null, "http://instagram.com/example", null, "https://github.com/example"));
        var response = await admin.PutAsJsonAsync("/api/admin/v1/settings/general", changed, Web);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var after = await ReadAsync(admin);
        after.TimeBased.Should().Be(changed.TimeBased);
        after.Finance.Should().Be(changed.Finance);
        after.Client.Should().Be(changed.Client);
        after.Social.Should().Be(new SocialSettings("https://example.test", "https://facebook.com/example", null, null, "http://instagram.com/example", null, "https://github.com/example"));
    }

    public static TheoryData<string, string> InvalidFields => new()
    {
        { "timeBased.taskQueueDays", """{"timeBased":{"taskQueueDays":0}}""" },
        { "timeBased.moduleLogDays", """{"timeBased":{"moduleLogDays":3651}}""" },
        { "timeBased.adminSessionDays", """{"timeBased":{"adminSessionDays":-5}}""" },
        { "timeBased.clientSessionDays", """{"timeBased":{"clientSessionDays":0}}""" },
        { "timeBased.activityLogDays", """{"timeBased":{"activityLogDays":5000}}""" },
        { "finance.minAddFunds", """{"finance":{"minAddFunds":-1}}""" },
        { "finance.minAddFunds", """{"finance":{"minAddFunds":1.234}}""" },
        { "finance.maxAddFunds", """{"finance":{"minAddFunds":100,"maxAddFunds":50}}""" },
        { "finance.maxClientBalance", """{"finance":{"maxAddFunds":500,"maxClientBalance":100}}""" },
        { "finance.invoiceDueDays", """{"finance":{"invoiceDueDays":400}}""" },
        { "client.passwordResetLinkMinutes", """{"client":{"passwordResetLinkMinutes":4}}""" },
        { "client.passwordResetLinkMinutes", """{"client":{"passwordResetLinkMinutes":10081}}""" },
        { "social.website", """{"social":{"website":"ftp://example.test"}}""" },
        { "social.x", """{"social":{"x":"not a link"}}""" },
        { "social.gitHub", """{"social":{"gitHub":"/relative/path"}}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Every_rule_gives_its_field_error_and_nothing_is_saved(string field, string patch)
    {
        var admin = await app.SuperAdminClientAsync();
        var before = await ReadAsync(admin);

        // The stored document with one section's fields overridden by the patch.
        var body = JsonSerializer.SerializeToNode(before, Web)!.AsObject();
        foreach (var (section, values) in JsonNodeObject(patch))
            foreach (var (name, value) in values!.AsObject())
                body[section]![name] = value?.DeepClone();
        var response = await admin.PutAsync("/api/admin/v1/settings/general", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Equal(field);
        (await ReadAsync(admin)).Should().BeEquivalentTo(before);
    }

    private static System.Text.Json.Nodes.JsonObject JsonNodeObject(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();

    [Fact]
    public async Task Countries_are_searched_by_code_and_name_and_poland_has_its_voivodeships()
    {
        var admin = await app.SuperAdminClientAsync();

        var found = (await (await admin.GetAsync("/api/admin/v1/countries?search=pol")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var poland = found.Should().ContainSingle(c => c.GetProperty("code").GetString() == "PL").Subject;
        poland.GetProperty("code3").GetString().Should().Be("POL");
        poland.GetProperty("regionCount").GetInt32().Should().Be(16);
        var byCode3 = (await (await admin.GetAsync("/api/admin/v1/countries?search=deu")).JsonAsync()).GetProperty("items").EnumerateArray();
        byCode3.Should().Contain(c => c.GetProperty("code").GetString() == "DE");
        var all = await (await admin.GetAsync("/api/admin/v1/countries?pageSize=10&page=2&sort=code")).JsonAsync();
        all.GetProperty("total").GetInt32().Should().BeGreaterThan(240);
        all.GetProperty("items").GetArrayLength().Should().Be(10);

        var detail = await (await admin.GetAsync("/api/admin/v1/countries/pl")).JsonAsync();
        var regions = detail.GetProperty("regions").EnumerateArray().ToList();
        regions.Should().HaveCount(16);
        regions.Should().Contain(r => r.GetProperty("code").GetString() == "PL-14" && r.GetProperty("name").GetString() == "Mazowieckie");
        (await admin.GetAsync("/api/admin/v1/countries/XX")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_settings_endpoint_needs_its_permission()
    {
        var nobody = await app.StaffClientWithAsync();
        (await nobody.GetAsync("/api/admin/v1/settings/general")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.PutAsJsonAsync("/api/admin/v1/settings/general", GeneralSettings.Defaults, Web)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync("/api/admin/v1/countries")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync("/api/admin/v1/countries/PL")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var viewer = await app.StaffClientWithAsync(Permissions.GeneralSettingsView, Permissions.CountriesView);
        (await viewer.GetAsync("/api/admin/v1/settings/general")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.PutAsJsonAsync("/api/admin/v1/settings/general", GeneralSettings.Defaults, Web)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.GetAsync("/api/admin/v1/countries/PL")).StatusCode.Should().Be(HttpStatusCode.OK);

        var editor = await app.StaffClientWithAsync(Permissions.GeneralSettingsEdit);
        (await editor.PutAsJsonAsync("/api/admin/v1/settings/general", await ReadAsync(await app.SuperAdminClientAsync()), Web)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class SqliteGeneralSettingsApiTests(SqliteAppFixture fixture) : GeneralSettingsApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresGeneralSettingsApiTests(PostgresAppFixture fixture) : GeneralSettingsApiTests(fixture.App), IClassFixture<PostgresAppFixture>;
