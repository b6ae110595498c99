using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

public abstract class ProductGroupApiTests(PuqAppFactory app)
{
    private const string Api = "/api/admin/v1/product-groups";

    private static async Task<JsonElement> CreateAsync(HttpClient client, string key)
    {
        var response = await client.PostAsJsonAsync(Api, new { key });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_group_is_created_by_key_then_edited_with_translated_texts_and_views()
    {
        var client = await app.SuperAdminClientAsync();
        var key = CatalogData.UniqueKey("vps");
        var created = await CreateAsync(client, key);
        var id = created.GetProperty("id").GetGuid();
        created.GetProperty("listView").GetString().Should().Be("cards");

        var updated = await client.PutAsJsonAsync($"{Api}/{id}", new
        {
            key,
            name = new Dictionary<string, string> { ["en"] = "Virtual servers", ["pl"] = "Wirtualne serwery łączone" },
            description = new Dictionary<string, string> { ["en"] = "KVM plans" },
            isVisible = true,
            listView = "table",
            orderView = "step-by-step",
            manageView = "compact",
        });
        updated.StatusCode.Should().Be(HttpStatusCode.OK);

        var group = await (await client.GetAsync($"{Api}/{id}")).JsonAsync();
        group.GetProperty("name").GetProperty("pl").GetString().Should().Be("Wirtualne serwery łączone");
        group.GetProperty("isVisible").GetBoolean().Should().BeTrue();
        group.GetProperty("orderView").GetString().Should().Be("step-by-step");

        // The list finds a group by a name in any language.
        var found = await (await client.GetAsync($"{Api}?search=łączone")).JsonAsync();
        found.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("key").GetString()).Should().Contain(key);
    }

    [Fact]
    public async Task Bad_keys_views_and_languages_come_back_per_field()
    {
        var client = await app.SuperAdminClientAsync();
        var key = CatalogData.UniqueKey("dup");
        var id = (await CreateAsync(client, key)).GetProperty("id").GetGuid();

        var duplicate = await client.PostAsJsonAsync(Api, new { key });
        duplicate.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await duplicate.JsonAsync()).GetProperty("errors").GetProperty("key")[0].GetString().Should().Contain("already exists");

        var badKey = await client.PostAsJsonAsync(Api, new { key = "Not A Key!" });
        (await badKey.JsonAsync()).GetProperty("errors").GetProperty("key")[0].GetString().Should().Contain("lower-case");

        var bad = await client.PutAsJsonAsync($"{Api}/{id}", new
        {
            key,
            name = new Dictionary<string, string> { ["xx"] = "?" },
            listView = "carousel",
            orderView = "single-page",
            manageView = "standard",
        });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        errors.GetProperty("name")[0].GetString().Should().Contain("language codes");
        errors.GetProperty("listView")[0].GetString().Should().Contain("list view");
    }

    [Fact]
    public async Task Products_are_added_ordered_and_removed()
    {
        var client = await app.SuperAdminClientAsync();
        var id = (await CreateAsync(client, CatalogData.UniqueKey("plans"))).GetProperty("id").GetGuid();
        var mini = await app.AddProductAsync(englishName: "Mini");
        var medium = await app.AddProductAsync(englishName: "Medium");
        var large = await app.AddProductAsync(englishName: "Large");

        (await client.PostAsJsonAsync($"{Api}/{id}/products", new { productIds = new[] { mini.Id, medium.Id } })).EnsureSuccessStatusCode();
        var group = await (await client.PostAsJsonAsync($"{Api}/{id}/products", new { productIds = new[] { large.Id, mini.Id } })).JsonAsync();
        Names(group).Should().Equal("Mini", "Medium", "Large");

        group = await (await client.PostAsJsonAsync($"{Api}/{id}/products/reorder", new { ids = new[] { large.Id, mini.Id, medium.Id } })).JsonAsync();
        Names(group).Should().Equal("Large", "Mini", "Medium");

        // A reorder must name every product of the group exactly once.
        (await client.PostAsJsonAsync($"{Api}/{id}/products/reorder", new { ids = new[] { large.Id, mini.Id } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync($"{Api}/{id}/products/reorder", new { ids = new[] { large.Id, mini.Id, mini.Id } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        group = await (await client.DeleteAsync($"{Api}/{id}/products/{mini.Id}")).JsonAsync();
        Names(group).Should().Equal("Large", "Medium");
        (await client.PostAsJsonAsync($"{Api}/{id}/products", new { productIds = new[] { Guid.NewGuid() } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // Deleting the group keeps its products.
        (await client.DeleteAsync($"{Api}/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await using var db = app.CreateDbContext();
        db.Products.Count(p => p.Id == large.Id).Should().Be(1);

        static IEnumerable<string?> Names(JsonElement group) => group.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Groups_are_reordered_as_a_whole()
    {
        var client = await app.SuperAdminClientAsync();
        await CreateAsync(client, CatalogData.UniqueKey("first"));
        await CreateAsync(client, CatalogData.UniqueKey("second"));
        var ids = await OrderAsync(client);

        var reversed = ids.AsEnumerable().Reverse().ToList();
        (await client.PostAsJsonAsync($"{Api}/reorder", new { ids = reversed })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await OrderAsync(client)).Should().Equal(reversed);
        (await client.PostAsJsonAsync($"{Api}/reorder", new { ids = reversed.Skip(1) })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        static async Task<List<Guid>> OrderAsync(HttpClient client) =>
            (await (await client.GetAsync($"{Api}?pageSize=200")).JsonAsync()).GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()).ToList();
    }

    [Fact]
    public async Task Images_are_checked_stored_served_and_removed()
    {
        var client = await app.SuperAdminClientAsync();
        var id = (await CreateAsync(client, CatalogData.UniqueKey("pics"))).GetProperty("id").GetGuid();

        var uploaded = await client.PutImageAsync($"{Api}/{id}/images/icon", ImageUploads.TinyPng, "icon.png", "image/png");
        uploaded.StatusCode.Should().Be(HttpStatusCode.OK);
        var path = (await uploaded.JsonAsync()).GetProperty("path").GetString();
        var served = await app.CreateClient().GetAsync("/files/images/" + path);
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await served.Content.ReadAsByteArrayAsync()).Should().Equal(ImageUploads.TinyPng);

        // A text file with an image name and type is refused by its content; so is an oversized image.
        var text = await client.PutImageAsync($"{Api}/{id}/images/background", "<svg onload=alert(1)>"u8.ToArray(), "evil.png", "image/png");
        text.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await text.JsonAsync()).GetProperty("errors").GetProperty("content")[0].GetString().Should().Contain("PNG, JPEG, WebP or GIF");
        var huge = ImageUploads.TinyPng.Concat(new byte[3 * 1024 * 1024]).ToArray();
        (await client.PutImageAsync($"{Api}/{id}/images/background", huge, "huge.png", "image/png")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await client.DeleteAsync($"{Api}/{id}/images/icon")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await client.GetAsync($"{Api}/{id}")).JsonAsync()).GetProperty("iconPath").ValueKind.Should().Be(JsonValueKind.Null);
        (await app.CreateClient().GetAsync("/files/images/" + path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync("/files/images/product-groups/..%2F..%2Fpuqcloud.db")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_action_needs_its_permission()
    {
        var viewer = await app.StaffClientWithAsync(Permissions.ProductGroupsView);
        (await viewer.GetAsync(Api)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.PostAsJsonAsync(Api, new { key = CatalogData.UniqueKey("nope") })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var creator = await app.StaffClientWithAsync(Permissions.ProductGroupsCreate);
        var created = await creator.PostAsJsonAsync(Api, new { key = CatalogData.UniqueKey("ok") });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        (await creator.DeleteAsync($"{Api}/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await creator.PostAsJsonAsync($"{Api}/reorder", new { ids = new[] { id } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var nobody = await app.StaffClientWithAsync();
        (await nobody.GetAsync(Api)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteProductGroupApiTests(SqliteAppFixture fixture) : ProductGroupApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresProductGroupApiTests(PostgresAppFixture fixture) : ProductGroupApiTests(fixture.App), IClassFixture<PostgresAppFixture>;
