using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>Option groups, their ordered options and the options' price rows through the admin API, on SQLite and PostgreSQL.</summary>
public abstract class OptionGroupApiTests(PuqAppFactory app)
{
    private const string Root = "/api/admin/v1/option-groups";

    private static Task<Guid> CreateGroupAsync(HttpClient client, string key) => client.CreateForIdAsync(Root, new { key });

    private static Task<Guid> CreateOptionAsync(HttpClient client, Guid groupId, string key, string name) =>
        client.CreateForIdAsync($"{Root}/{groupId}/options", new { key, name = new { en = name } });

    private static async Task<List<string>> OptionKeysAsync(HttpClient client, Guid groupId) =>
        (await (await client.GetAsync($"{Root}/{groupId}/options")).JsonAsync()).EnumerateArray().Select(o => o.GetProperty("key").GetString()!).ToList();

    /// <summary>The currency with this code, created when the install does not have it yet.</summary>
    private static async Task<Guid> CurrencyAsync(HttpClient client, string code)
    {
        var found = (await (await client.GetAsync($"/api/admin/v1/currencies?search={code}")).JsonAsync()).GetProperty("items").EnumerateArray()
            .FirstOrDefault(c => c.GetProperty("code").GetString() == code);
        if (found.ValueKind == JsonValueKind.Object) return found.GetProperty("id").GetGuid();
        var created = await client.PostAsJsonAsync("/api/admin/v1/currencies", new { code, exchangeRate = 2m, format = "CommaDot", isDefault = false });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.JsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_group_created_with_its_name_and_description_keeps_them()
    {
        var client = await app.SuperAdminClientAsync();

        var id = await client.CreateForIdAsync(Root, new { key = CatalogApiSteps.NewKey("backups"), name = new { en = "Backups" }, description = new { en = "How often we copy" } });

        var group = await (await client.GetAsync($"{Root}/{id}")).JsonAsync();
        group.GetProperty("name").GetProperty("en").GetString().Should().Be("Backups");
        group.GetProperty("description").GetProperty("en").GetString().Should().Be("How often we copy");
    }

    [Fact]
    public async Task Options_go_last_and_keep_the_order_they_are_given()
    {
        var client = await app.SuperAdminClientAsync();
        var key = CatalogApiSteps.NewKey("firewall");
        var id = await CreateGroupAsync(client, key);
        var updated = await client.PutAsJsonAsync($"{Root}/{id}", new { key, name = new { en = "Firewall protection" }, description = new { en = "Level 2 adds geo-blocking" } });
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        var level0 = await CreateOptionAsync(client, id, "level-0", "Firewall level 0");
        var level1 = await CreateOptionAsync(client, id, "level-1", "Firewall level 1");
        var level2 = await CreateOptionAsync(client, id, "level-2", "Firewall level 2");
        (await OptionKeysAsync(client, id)).Should().Equal("level-0", "level-1", "level-2");

        var reordered = await client.PostAsJsonAsync($"{Root}/{id}/options/reorder", new { ids = new[] { level2, level0, level1 } });
        reordered.StatusCode.Should().Be(HttpStatusCode.OK, await reordered.Content.ReadAsStringAsync());
        (await OptionKeysAsync(client, id)).Should().Equal("level-2", "level-0", "level-1");
        var level3 = await CreateOptionAsync(client, id, "level-3", "Firewall level 3");
        (await OptionKeysAsync(client, id)).Should().Equal("level-2", "level-0", "level-1", "level-3");

        // A reorder must name every option exactly once.
        var partial = await client.PostAsJsonAsync($"{Root}/{id}/options/reorder", new { ids = new[] { level0, level1, level2 } });
        partial.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var twice = await client.PostAsJsonAsync($"{Root}/{id}/options/reorder", new { ids = new[] { level0, level0, level1, level3 } });
        twice.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // Option keys are unique within the group only.
        var clash = await client.PostAsJsonAsync($"{Root}/{id}/options", new { key = "level-1" });
        clash.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await clash.JsonAsync()).GetProperty("errors").GetProperty("key")[0].GetString().Should().Contain("level-1");
        var other = await CreateGroupAsync(client, CatalogApiSteps.NewKey("cpu"));
        await CreateOptionAsync(client, other, "level-1", "Same key, other group");

        var renamed = await client.PutAsJsonAsync($"{Root}/{id}/options/{level3}", new { key = "level-3", name = new { en = "Firewall level 3", pl = "Zapora poziom 3" } });
        (await renamed.JsonAsync()).GetProperty("name").GetProperty("pl").GetString().Should().Be("Zapora poziom 3");
        (await client.DeleteAsync($"{Root}/{id}/options/{level0}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await OptionKeysAsync(client, id)).Should().Equal("level-2", "level-1", "level-3");
    }

    [Fact]
    public async Task Groups_are_listed_in_their_order_which_can_be_changed()
    {
        var client = await app.SuperAdminClientAsync();
        var first = await CreateGroupAsync(client, CatalogApiSteps.NewKey("order-a"));
        var second = await CreateGroupAsync(client, CatalogApiSteps.NewKey("order-b"));
        var all = (await (await client.GetAsync($"{Root}?pageSize=200")).JsonAsync()).GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()).ToList();
        all.Should().EndWith([first, second], "new groups go last");

        var wanted = all.Except([second]).Prepend(second).ToList();
        (await client.PostAsJsonAsync($"{Root}/reorder", new { ids = wanted })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var after = (await (await client.GetAsync($"{Root}?pageSize=200")).JsonAsync()).GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetGuid());
        after.Should().Equal(wanted);
        (await client.PostAsJsonAsync($"{Root}/reorder", new { ids = new[] { first } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var picker = await app.SendAsSystemAsync(new ListOptionGroupOptions());
        picker.Select(p => p.Id).Should().Equal(wanted, "the product editor offers them in the same order");
    }

    [Fact]
    public async Task Price_rows_follow_the_currency_precision_and_are_one_per_currency_and_period()
    {
        var client = await app.SuperAdminClientAsync();
        var eur = await CurrencyAsync(client, "EUR");
        var jpy = await CurrencyAsync(client, "JPY");
        var id = await CreateGroupAsync(client, CatalogApiSteps.NewKey("ram"));
        var option = await CreateOptionAsync(client, id, "ram-4gb", "4 GB");
        var prices = $"{Root}/{id}/options/{option}/prices";

        async Task ExpectFieldErrorAsync(object body, string field, string text)
        {
            var response = await client.PostAsJsonAsync(prices, body);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
            (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain(text);
        }

        await ExpectFieldErrorAsync(new { currencyId = eur, period = "Monthly", setup = -1m, @base = 5m }, "setup", "negative");
        await ExpectFieldErrorAsync(new { currencyId = jpy, period = "Monthly", @base = 1.5m }, "base", "whole numbers");
        await ExpectFieldErrorAsync(new { currencyId = eur, period = "Monthly", @base = 9.999m }, "base", "2 decimal");
        await ExpectFieldErrorAsync(new { currencyId = Guid.NewGuid(), period = "Monthly", @base = 1m }, "currencyId", "currency");
        // No period is assumed (a forgotten "Annually" 120.00 would have become 120.00 a month)…
        await ExpectFieldErrorAsync(new { currencyId = eur, @base = 120m }, "period", "Choose a period");
        // …and an option takes no fee billing would never charge: setup and switch fees belong on the product's price.
        await ExpectFieldErrorAsync(new { currencyId = eur, period = "Monthly", setup = 10m, @base = 9.99m }, "setup", "Base and Idle amounts only");
        await ExpectFieldErrorAsync(new { currencyId = eur, period = "Monthly", @base = 9.99m, switchUp = 2m }, "switchUp", "Base and Idle amounts only");

        var added = await client.PostAsJsonAsync(prices, new { currencyId = eur, period = "Monthly", @base = 9.99m, idle = 1m });
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var row = await added.JsonAsync();
        row.GetProperty("currencyCode").GetString().Should().Be("EUR");
        row.GetProperty("uninstall").ValueKind.Should().Be(JsonValueKind.Null, "options have no uninstall amount");
        var priceId = row.GetProperty("id").GetGuid();

        await ExpectFieldErrorAsync(new { currencyId = eur, period = "Monthly", @base = 12m }, "period", "already has");
        (await client.PostAsJsonAsync(prices, new { currencyId = jpy, period = "Monthly", @base = 1500m })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.PostAsJsonAsync(prices, new { currencyId = eur, period = "Annually", @base = 99m })).StatusCode.Should().Be(HttpStatusCode.Created);

        // A row keeps its currency and period (services bill by it): another one is another row.
        async Task ExpectChangeRefusedAsync(object body, string field, string text)
        {
            var response = await client.PutAsJsonAsync($"{prices}/{priceId}", body);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
            (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain(text);
        }
        await ExpectChangeRefusedAsync(new { currencyId = eur, period = "Annually", @base = 5m }, "period", "keeps its period");
        await ExpectChangeRefusedAsync(new { currencyId = jpy, period = "Monthly", @base = 5m }, "currencyId", "keeps its currency");
        // A row from before fees were refused keeps working: a change that leaves them out drops them (they were never charged).
        await using (var db = app.CreateDbContext())
            await db.ProductOptionPrices.Where(p => p.Id == priceId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Setup, 1m));
        var changed = await client.PutAsJsonAsync($"{prices}/{priceId}", new { currencyId = eur, period = "Monthly", @base = 11.5m });
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await changed.JsonAsync()).GetProperty("setup").GetDecimal().Should().Be(0m);

        var list = (await (await client.GetAsync(prices)).JsonAsync()).EnumerateArray().ToList();
        list.Select(p => (p.GetProperty("currencyCode").GetString(), p.GetProperty("period").GetString(), p.GetProperty("base").GetDecimal())).Should().Equal(
            ("EUR", "Monthly", 11.5m), ("EUR", "Annually", 99m), ("JPY", "Monthly", 1500m));
        (await client.DeleteAsync($"{prices}/{priceId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await client.GetAsync(prices)).JsonAsync()).GetArrayLength().Should().Be(2);
        (await client.DeleteAsync($"{prices}/{priceId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_group_offered_with_products_cannot_be_deleted()
    {
        var client = await app.SuperAdminClientAsync();
        var key = CatalogApiSteps.NewKey("location");
        var id = await CreateGroupAsync(client, key);
        await CreateOptionAsync(client, id, "warsaw", "Warsaw");
        var productId = await OfferWithNewProductAsync(id);

        var refused = await client.DeleteAsync($"{Root}/{id}");
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.JsonAsync()).GetProperty("detail").GetString().Should().Contain(key).And.Contain("1 product");
        (await (await client.GetAsync($"{Root}/{id}")).JsonAsync()).GetProperty("productCount").GetInt32().Should().Be(1);

        await using (var db = app.CreateDbContext())
            await db.ProductOptionGroupLinks.Where(l => l.ProductId == productId).ExecuteDeleteAsync();
        (await client.DeleteAsync($"{Root}/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await using (var db = app.CreateDbContext())
            (await db.ProductOptions.AnyAsync(o => o.OptionGroupId == id)).Should().BeFalse("options go with their group");
    }

    [Fact]
    public async Task Icon_and_background_take_real_images_only()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await CreateGroupAsync(client, CatalogApiSteps.NewKey("pictures"));

        await client.CheckImageSlotAsync($"{Root}/{id}/images/background");
        (await client.PutImageAsync($"{Root}/{id}/images/icon", ImageUploads.TinyPng, "i.png", "image/png")).StatusCode.Should().Be(HttpStatusCode.OK);
        var group = await (await client.GetAsync($"{Root}/{id}")).JsonAsync();
        group.GetProperty("iconPath").GetString().Should().StartWith("option-groups/");
        group.GetProperty("backgroundPath").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Each_action_needs_its_permission()
    {
        var admin = await app.SuperAdminClientAsync();
        var id = await CreateGroupAsync(admin, CatalogApiSteps.NewKey("perm"));
        var option = await CreateOptionAsync(admin, id, "one", "One");

        var viewer = await app.StaffClientWithAsync(Permissions.OptionGroupsView);
        (await viewer.GetAsync(Root)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync($"{Root}/{id}/options/{option}/prices")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.PostAsJsonAsync(Root, new { key = CatalogApiSteps.NewKey("nope") })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PostAsJsonAsync($"{Root}/{id}/options", new { key = "two" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PostAsJsonAsync($"{Root}/{id}/options/{option}/prices", new { currencyId = Guid.NewGuid(), @base = 1m })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PostAsJsonAsync($"{Root}/reorder", new { ids = new[] { id } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var editor = await app.StaffClientWithAsync(Permissions.OptionGroupsView, Permissions.OptionGroupsEdit);
        (await editor.PostAsJsonAsync($"{Root}/{id}/options", new { key = "two" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await editor.DeleteAsync($"{Root}/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await editor.PostAsJsonAsync(Root, new { key = CatalogApiSteps.NewKey("nope") })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var nobody = await app.StaffClientWithAsync();
        (await nobody.GetAsync($"{Root}/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<Guid> OfferWithNewProductAsync(Guid optionGroupId)
    {
        await using var db = app.CreateDbContext();
        var product = new Product { Key = CatalogApiSteps.NewKey("vps") };
        db.Products.Add(product);
        db.ProductOptionGroupLinks.Add(new ProductOptionGroupLink { ProductId = product.Id, OptionGroupId = optionGroupId, Position = 1 });
        await db.SaveChangesAsync();
        return product.Id;
    }
}

public sealed class SqliteOptionGroupApiTests(SqliteAppFixture fixture) : OptionGroupApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresOptionGroupApiTests(PostgresAppFixture fixture) : OptionGroupApiTests(fixture.App), IClassFixture<PostgresAppFixture>;
