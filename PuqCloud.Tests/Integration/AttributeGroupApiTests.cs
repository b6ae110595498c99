using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>Attribute groups and their attributes through the admin API, on SQLite and PostgreSQL.</summary>
public abstract class AttributeGroupApiTests(PuqAppFactory app)
{
    private const string Root = "/api/admin/v1/attribute-groups";

    private static Task<Guid> CreateGroupAsync(HttpClient client, string key) => client.CreateForIdAsync(Root, new { key });

    private static Task<Guid> CreateAttributeAsync(HttpClient client, Guid groupId, string key, string name) =>
        client.CreateForIdAsync($"{Root}/{groupId}/attributes", new { key, name = new { en = name }, isVisible = true });

    [Fact]
    public async Task A_group_created_with_its_name_and_description_keeps_them()
    {
        var client = await app.SuperAdminClientAsync();

        var id = await client.CreateForIdAsync(Root, new
        {
            key = CatalogApiSteps.NewKey("disks"), name = new { en = "Disks", pl = "Dyski" }, description = new { en = "Storage on fast disks" }, isVisible = false,
        });

        var group = await (await client.GetAsync($"{Root}/{id}")).JsonAsync();
        group.GetProperty("name").GetProperty("pl").GetString().Should().Be("Dyski");
        group.GetProperty("description").GetProperty("en").GetString().Should().Be("Storage on fast disks");
        group.GetProperty("isVisible").GetBoolean().Should().BeFalse();
        var tooLong = await client.PostAsJsonAsync(Root, new { key = CatalogApiSteps.NewKey("long"), name = new { en = new string('x', 201) } });
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the name is checked as PUT checks it");
    }

    [Fact]
    public async Task A_group_is_created_by_key_then_named_and_given_attributes()
    {
        var client = await app.SuperAdminClientAsync();
        var key = CatalogApiSteps.NewKey("proxmox-lxc");
        var id = await CreateGroupAsync(client, "  " + key + " ");

        var updated = await client.PutAsJsonAsync($"{Root}/{id}", new
        {
            key, name = new { en = "Network", pl = "Sieć" }, description = new { en = "What the network offers" }, isVisible = false,
        });
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        await CreateAttributeAsync(client, id, key + "-ipv6", "IPv6");
        await CreateAttributeAsync(client, id, key + "-ipv4", "IPv4");

        var group = await (await client.GetAsync($"{Root}/{id}")).JsonAsync();
        group.GetProperty("key").GetString().Should().Be(key, "keys are trimmed");
        group.GetProperty("name").GetProperty("pl").GetString().Should().Be("Sieć");
        group.GetProperty("isVisible").GetBoolean().Should().BeFalse();
        group.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("key").GetString()).Should().Equal(key + "-ipv4", key + "-ipv6");

        // The list finds it by its name in any language and counts its attributes.
        var page = await (await client.GetAsync($"{Root}?search=sieć")).JsonAsync();
        var row = page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        row.GetProperty("attributeCount").GetInt32().Should().Be(2);
        row.GetProperty("name").GetString().Should().Be("Network");

        var attributes = await (await client.GetAsync($"{Root}/{id}/attributes")).JsonAsync();
        var ipv6 = attributes.EnumerateArray().Single(a => a.GetProperty("key").GetString() == key + "-ipv6").GetProperty("id").GetGuid();
        var renamed = await client.PutAsJsonAsync($"{Root}/{id}/attributes/{ipv6}", new { key = key + "-ipv6-only", name = new { en = "IPv6 only" }, isVisible = false });
        renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await renamed.JsonAsync()).GetProperty("isVisible").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Keys_are_checked_and_attribute_keys_are_unique_across_groups()
    {
        var client = await app.SuperAdminClientAsync();
        var bad = await client.PostAsJsonAsync(Root, new { key = "Has Spaces" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).GetProperty("errors").GetProperty("key")[0].GetString().Should().Contain("lower-case");

        var key = CatalogApiSteps.NewKey("dup");
        var first = await CreateGroupAsync(client, key);
        var again = await client.PostAsJsonAsync(Root, new { key });
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await again.JsonAsync()).GetProperty("errors").GetProperty("key")[0].GetString().Should().Contain("already exists");

        var second = await CreateGroupAsync(client, CatalogApiSteps.NewKey("other"));
        await CreateAttributeAsync(client, first, key + "-ssd", "SSD");
        var clash = await client.PostAsJsonAsync($"{Root}/{second}/attributes", new { key = key + "-ssd", isVisible = true });
        clash.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await clash.JsonAsync()).GetProperty("errors").GetProperty("key")[0].GetString().Should().Contain("already exists");

        var tooLong = await client.PutAsJsonAsync($"{Root}/{first}", new { key, name = new { en = new string('x', 201) } });
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooLong.JsonAsync()).GetProperty("errors").GetProperty("name")[0].GetString().Should().Contain("200");
        (await client.GetAsync($"{Root}/{Guid.NewGuid()}/attributes")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_an_attribute_or_its_group_takes_it_off_the_products_that_carry_it()
    {
        var client = await app.SuperAdminClientAsync();
        var key = CatalogApiSteps.NewKey("net");
        var groupId = await CreateGroupAsync(client, key);
        var ipv4 = await CreateAttributeAsync(client, groupId, key + "-ipv4", "IPv4");
        var ipv6 = await CreateAttributeAsync(client, groupId, key + "-ipv6", "IPv6");
        var productId = await AddProductWithAsync(ipv4, ipv6);

        var attributes = await (await client.GetAsync($"{Root}/{groupId}/attributes")).JsonAsync();
        attributes.EnumerateArray().Should().OnlyContain(a => a.GetProperty("productCount").GetInt32() == 1);

        (await client.DeleteAsync($"{Root}/{groupId}/attributes/{ipv4}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await using (var db = app.CreateDbContext())
            (await db.ProductAttributeLinks.Where(l => l.ProductId == productId).Select(l => l.AttributeId).ToListAsync()).Should().Equal(ipv6);

        (await client.DeleteAsync($"{Root}/{groupId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"{Root}/{groupId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using (var db = app.CreateDbContext())
        {
            (await db.ProductAttributeLinks.AnyAsync(l => l.ProductId == productId)).Should().BeFalse();
            (await db.ProductAttributes.AnyAsync(a => a.AttributeGroupId == groupId)).Should().BeFalse();
            (await db.Products.AnyAsync(p => p.Id == productId)).Should().BeTrue("the product stays");
        }
    }

    [Fact]
    public async Task Icon_and_background_take_real_images_only()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await CreateGroupAsync(client, CatalogApiSteps.NewKey("pictures"));

        await client.CheckImageSlotAsync($"{Root}/{id}/images/icon");
        var background = await client.PutImageAsync($"{Root}/{id}/images/background", ImageUploads.TinyPng, "bg.png", "image/png");
        background.StatusCode.Should().Be(HttpStatusCode.OK);

        var group = await (await client.GetAsync($"{Root}/{id}")).JsonAsync();
        group.GetProperty("iconPath").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        group.GetProperty("backgroundPath").GetString().Should().StartWith("attribute-groups/");
    }

    [Fact]
    public async Task The_product_editor_picker_lists_attributes_by_group()
    {
        var client = await app.SuperAdminClientAsync();
        var key = CatalogApiSteps.NewKey("picker");
        var groupId = await CreateGroupAsync(client, key);
        (await client.PutAsJsonAsync($"{Root}/{groupId}", new { key, name = new { en = "Picker group", pl = "Grupa" }, isVisible = true })).EnsureSuccessStatusCode();
        await CreateAttributeAsync(client, groupId, key + "-b", "Bravo");
        var alpha = await client.PostAsJsonAsync($"{Root}/{groupId}/attributes", new { key = key + "-a", name = new { en = "Alpha", pl = "Alfa" } });
        alpha.EnsureSuccessStatusCode();

        var options = (await app.SendAsSystemAsync(new ListAttributeOptions("pl"))).Where(o => o.GroupId == groupId).ToList();
        options.Select(o => (o.Key, o.Name, o.GroupKey, o.GroupName)).Should().Equal(
            (key + "-a", "Alfa", key, "Grupa"),
            (key + "-b", "Bravo", key, "Grupa"));
    }

    [Fact]
    public async Task Each_action_needs_its_permission()
    {
        var admin = await app.SuperAdminClientAsync();
        var id = await CreateGroupAsync(admin, CatalogApiSteps.NewKey("perm"));

        var viewer = await app.StaffClientWithAsync(Permissions.AttributeGroupsView);
        (await viewer.GetAsync(Root)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync($"{Root}/{id}/attributes")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.PostAsJsonAsync(Root, new { key = CatalogApiSteps.NewKey("nope") })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PostAsJsonAsync($"{Root}/{id}/attributes", new { key = CatalogApiSteps.NewKey("nope") })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var editor = await app.StaffClientWithAsync(Permissions.AttributeGroupsView, Permissions.AttributeGroupsEdit);
        (await editor.PostAsJsonAsync($"{Root}/{id}/attributes", new { key = CatalogApiSteps.NewKey("yes") })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await editor.PutImageAsync($"{Root}/{id}/images/icon", ImageUploads.TinyPng, "i.png", "image/png")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await editor.DeleteAsync($"{Root}/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var nobody = await app.StaffClientWithAsync();
        (await nobody.GetAsync(Root)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.PutImageAsync($"{Root}/{id}/images/icon", ImageUploads.TinyPng, "i.png", "image/png")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<Guid> AddProductWithAsync(params Guid[] attributeIds)
    {
        await using var db = app.CreateDbContext();
        var product = new Product { Key = CatalogApiSteps.NewKey("product") };
        db.Products.Add(product);
        db.ProductAttributeLinks.AddRange(attributeIds.Select(a => new ProductAttributeLink { ProductId = product.Id, AttributeId = a }));
        await db.SaveChangesAsync();
        return product.Id;
    }
}

public sealed class SqliteAttributeGroupApiTests(SqliteAppFixture fixture) : AttributeGroupApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresAttributeGroupApiTests(PostgresAppFixture fixture) : AttributeGroupApiTests(fixture.App), IClassFixture<PostgresAppFixture>;
