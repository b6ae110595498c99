using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Product.Sample;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>/api/admin/v1/products and its sub-resources, on SQLite and PostgreSQL.</summary>
public abstract class ProductApiTests(PuqAppFactory app)
{
    public const string Api = "/api/admin/v1/products";

    [Fact]
    public async Task A_product_is_created_by_key_then_its_general_fields_are_changed_and_listed()
    {
        var client = await app.SuperAdminClientAsync();
        var key = NewKey();

        var created = await client.PostAsJsonAsync(Api, new { key = $"  {key}  " });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var product = await created.JsonAsync();
        product.GetProperty("key").GetString().Should().Be(key);
        product.GetProperty("isActive").GetBoolean().Should().BeFalse();
        product.GetProperty("notifyWelcome").GetBoolean().Should().BeTrue();
        var id = product.GetProperty("id").GetGuid();

        var updated = await client.PutAsJsonAsync($"{Api}/{id}", new
        {
            name = new Dictionary<string, string> { ["en"] = "Cloud VPS", ["pl"] = "Chmura VPS" },
            description = new Dictionary<string, string> { ["en"] = "A small machine." },
            isActive = true, isVisible = true, stockControl = true, stockQuantity = 5, hourlyBilling = true,
            terminationDelayHours = 72, cancellationDelayHours = 24, notifySuspension = false,
        });
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await updated.JsonAsync();
        body.GetProperty("name").GetProperty("pl").GetString().Should().Be("Chmura VPS");
        body.GetProperty("stockQuantity").GetInt32().Should().Be(5);
        body.GetProperty("terminationDelayHours").GetInt32().Should().Be(72);
        body.GetProperty("notifySuspension").GetBoolean().Should().BeFalse();
        // Fields left out keep their value.
        body.GetProperty("key").GetString().Should().Be(key);
        body.GetProperty("notifyWelcome").GetBoolean().Should().BeTrue();

        var page = await (await client.GetAsync($"{Api}?search={key}&language=pl")).JsonAsync();
        var row = page.GetProperty("items").EnumerateArray().Single();
        row.GetProperty("name").GetString().Should().Be("Chmura VPS");
        row.GetProperty("isActive").GetBoolean().Should().BeTrue();
        row.GetProperty("stockQuantity").GetInt32().Should().Be(5);
        row.GetProperty("serviceCount").GetInt32().Should().Be(0);

        // Only the active ones (what the new-service form offers), or only the inactive ones.
        (await (await client.GetAsync($"{Api}?search={key}&active=true")).JsonAsync()).GetProperty("total").GetInt32().Should().Be(1);
        (await (await client.GetAsync($"{Api}?search={key}&active=false")).JsonAsync()).GetProperty("total").GetInt32().Should().Be(0);

        // The list also finds a product by its name in any language.
        var byName = await (await client.GetAsync($"{Api}?search=chmura")).JsonAsync();
        byName.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("key").GetString()).Should().Contain(key);
    }

    [Fact]
    public async Task Keys_are_unique_and_well_formed_and_numbers_stay_in_range()
    {
        var client = await app.SuperAdminClientAsync();
        var key = NewKey();
        var id = await CreateProductAsync(client, key);

        await ExpectFieldErrorAsync(await client.PostAsJsonAsync(Api, new { key }), "key", "already has the key");
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync(Api, new { key = "Cloud VPS" }), "key", "lower-case");
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync(Api, new { key = "" }), "key", "Enter a key");
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{id}", new { stockQuantity = -1 }), "stockQuantity", "negative");
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{id}", new { terminationDelayHours = 8761 }), "terminationDelayHours", "8760");
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{id}", new { cancellationDelayHours = -1 }), "cancellationDelayHours", "8760");
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{id}", new { name = new Dictionary<string, string> { ["xx"] = "?" } }), "name", "language codes");
        var other = await CreateProductAsync(client, NewKey());
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{other}", new { key }), "key", "already has the key");
        (await client.GetAsync($"{Api}/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Prices_are_one_row_per_currency_and_period_with_amounts_in_the_currency_precision()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await CreateProductAsync(client, NewKey());
        var eur = await CurrencyIdAsync(client, "EUR");
        var jpy = await CurrencyIdAsync(client, "JPY");

        var added = await client.PostAsJsonAsync($"{Api}/{id}/prices", new { currencyId = eur, period = "Monthly", setup = 5m, @base = 9.99m, uninstall = 1.5m });
        added.StatusCode.Should().Be(HttpStatusCode.Created);
        var price = await added.JsonAsync();
        price.GetProperty("currencyCode").GetString().Should().Be("EUR");
        price.GetProperty("base").GetDecimal().Should().Be(9.99m);
        price.GetProperty("uninstall").GetDecimal().Should().Be(1.5m);
        var priceId = price.GetProperty("id").GetGuid();

        await ExpectFieldErrorAsync(await client.PostAsJsonAsync($"{Api}/{id}/prices", new { currencyId = eur, period = "Monthly", @base = 1m }), "period", "already has a Monthly price in EUR");
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync($"{Api}/{id}/prices", new { currencyId = eur, period = "Annually", @base = -1m }), "base", "negative");
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync($"{Api}/{id}/prices", new { currencyId = jpy, period = "Monthly", @base = 1.5m }), "base", "whole numbers");
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync($"{Api}/{id}/prices", new { currencyId = eur, period = "Annually", setup = 9.999m }), "setup", "at most 2 decimal");
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync($"{Api}/{id}/prices", new { currencyId = eur, @base = 1m }), "period", "Choose a period");
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync($"{Api}/{id}/prices", new { currencyId = Guid.NewGuid(), period = "Daily" }), "currencyId", "Choose a currency");
        (await client.PostAsJsonAsync($"{Api}/{id}/prices", new { currencyId = jpy, period = "Monthly", @base = 1500m })).StatusCode.Should().Be(HttpStatusCode.Created);

        // A row keeps its currency and period (services bill by it): another one is another row.
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{id}/prices/{priceId}", new { currencyId = jpy, period = "Monthly", @base = 1500m }), "currencyId", "keeps its currency");
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{id}/prices/{priceId}", new { currencyId = eur, period = "OneTime", @base = 9.99m }), "period", "keeps its period");
        var changed = await client.PutAsJsonAsync($"{Api}/{id}/prices/{priceId}", new { currencyId = eur, period = "Monthly", @base = 12.5m });
        (await changed.JsonAsync()).GetProperty("base").GetDecimal().Should().Be(12.5m);
        var rows = (await (await client.GetAsync($"{Api}/{id}/prices")).JsonAsync()).EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("currencyCode").GetString()).Should().Equal("EUR", "JPY");

        // A derived row (convert price) is not edited by hand.
        await using (var db = app.CreateDbContext())
            await db.ProductPrices.Where(p => p.Id == priceId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsDerived, true));
        (await client.PutAsJsonAsync($"{Api}/{id}/prices/{priceId}", new { currencyId = eur, period = "Monthly", @base = 1m })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await client.DeleteAsync($"{Api}/{id}/prices/{priceId}")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        await using (var db = app.CreateDbContext())
            await db.ProductPrices.Where(p => p.Id == priceId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsDerived, false));
        (await client.DeleteAsync($"{Api}/{id}/prices/{priceId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await client.GetAsync($"{Api}/{id}/prices")).JsonAsync()).GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Images_are_checked_by_type_and_size_and_served_until_removed()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await CreateProductAsync(client, NewKey());

        var uploaded = await client.PutImageAsync($"{Api}/{id}/images/icon", ImageUploads.TinyPng, "icon.png", "image/png");
        uploaded.StatusCode.Should().Be(HttpStatusCode.OK);
        var path = (await uploaded.JsonAsync()).GetProperty("path").GetString();
        path.Should().StartWith("products/").And.EndWith(".png");
        (await (await client.GetAsync($"{Api}/{id}")).JsonAsync()).GetProperty("iconPath").GetString().Should().Be(path);
        var served = await client.GetAsync($"/files/images/{path}");
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.Should().Be("image/png");

        await ExpectFieldErrorAsync(await client.PutImageAsync($"{Api}/{id}/images/background", "just text"u8.ToArray(), "note.png", "image/png"), "content", "PNG, JPEG");
        var huge = new byte[2 * 1024 * 1024 + 10];
        ImageUploads.TinyPng.CopyTo(huge, 0);
        await ExpectFieldErrorAsync(await client.PutImageAsync($"{Api}/{id}/images/background", huge, "huge.png", "image/png"), "content", "too large");
        (await client.PutImageAsync($"{Api}/{id}/images/banner", ImageUploads.TinyPng, "icon.png", "image/png")).IsSuccessStatusCode.Should().BeFalse("there is no banner slot");

        (await client.DeleteAsync($"{Api}/{id}/images/icon")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await client.GetAsync($"{Api}/{id}")).JsonAsync()).GetProperty("iconPath").ValueKind.Should().Be(JsonValueKind.Null);
        (await client.GetAsync($"/files/images/{path}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Attributes_are_attached_once_and_option_groups_keep_the_product_order_with_options_in_the_group_order()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await CreateProductAsync(client, NewKey());
        var (attribute, firewall, location) = await ArrangeCatalogAsync();

        (await client.PostAsJsonAsync($"{Api}/{id}/attributes", new { attributeId = attribute })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync($"{Api}/{id}/attributes", new { attributeId = attribute }), "attributeId", "already has");
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync($"{Api}/{id}/attributes", new { attributeId = Guid.NewGuid() }), "attributeId", "no such attribute");
        var attributes = (await (await client.GetAsync($"{Api}/{id}/attributes?language=pl")).JsonAsync()).EnumerateArray().ToList();
        attributes.Should().ContainSingle().Which.GetProperty("name").GetString().Should().Be("IPv6 (pl)");

        (await client.PostAsJsonAsync($"{Api}/{id}/option-groups", new { optionGroupId = firewall })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync($"{Api}/{id}/option-groups", new { optionGroupId = location })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync($"{Api}/{id}/option-groups", new { optionGroupId = location }), "optionGroupId", "already offers");
        var groups = (await (await client.GetAsync($"{Api}/{id}/option-groups")).JsonAsync()).EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("optionGroupId").GetGuid()).Should().Equal(firewall, location);
        // Options come in the order set on their group, not by key.
        groups[1].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("key").GetString()).Should().Equal("waw", "ams", "fra");

        (await client.PutAsJsonAsync($"{Api}/{id}/option-groups/order", new { optionGroupIds = new[] { location, firewall } })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        groups = (await (await client.GetAsync($"{Api}/{id}/option-groups")).JsonAsync()).EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("optionGroupId").GetGuid()).Should().Equal(location, firewall);
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{id}/option-groups/order", new { optionGroupIds = new[] { location } }), "optionGroupIds", "exactly once");
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{id}/option-groups/order", new { optionGroupIds = new[] { location, location } }), "optionGroupIds", "exactly once");

        (await client.DeleteAsync($"{Api}/{id}/option-groups/{location}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"{Api}/{id}/attributes/{attribute}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"{Api}/{id}/attributes/{attribute}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await client.GetAsync($"{Api}/{id}/option-groups")).JsonAsync()).EnumerateArray().Select(g => g.GetProperty("optionGroupId").GetGuid()).Should().Equal(firewall);
        (await (await client.GetAsync($"{Api}/{id}/attributes")).JsonAsync()).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Module_settings_take_an_active_product_module_and_never_return_the_secret()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await CreateProductAsync(client, NewKey());
        var secret = "root-" + Guid.NewGuid().ToString("N");
        var values = new Dictionary<string, string?> { ["plan"] = "medium", ["diskGb"] = "40", ["rootPassword"] = secret };

        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{id}/module-settings", new { moduleKey = "no-such-module", values }), "moduleKey", "no Product module");
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{id}/module-settings", new { moduleKey = "sample-plugin", values }), "moduleKey", "no Product module");
        await SetModuleActiveAsync(client, false);
        (await (await client.GetAsync($"{Api}/modules")).JsonAsync()).EnumerateArray().Should().NotContain(m => m.GetProperty("key").GetString() == SampleProductModule.Key);
        (await client.PutAsJsonAsync($"{Api}/{id}/module-settings", new { moduleKey = SampleProductModule.Key, values })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        await SetModuleActiveAsync(client, true);
        (await (await client.GetAsync($"{Api}/modules")).JsonAsync()).EnumerateArray().Should().Contain(m => m.GetProperty("key").GetString() == SampleProductModule.Key);
        var empty = await (await client.GetAsync($"{Api}/{id}/module-settings?module={SampleProductModule.Key}")).JsonAsync();
        empty.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "plan").GetProperty("value").GetString().Should().Be("small");
        await ExpectFieldErrorAsync(await client.PutAsJsonAsync($"{Api}/{id}/module-settings",
            new { moduleKey = SampleProductModule.Key, values = new Dictionary<string, string?> { ["plan"] = "huge", ["diskGb"] = "many" } }), "plan", "Choose one of");

        var saved = await client.PutAsJsonAsync($"{Api}/{id}/module-settings", new { moduleKey = SampleProductModule.Key, values });
        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await saved.Content.ReadAsStringAsync()).Should().NotContain(secret);
        var read = await client.GetAsync($"{Api}/{id}/module-settings");
        (await read.Content.ReadAsStringAsync()).Should().NotContain(secret);
        var form = await read.JsonAsync();
        form.GetProperty("moduleKey").GetString().Should().Be(SampleProductModule.Key);
        form.GetProperty("isActive").GetBoolean().Should().BeTrue();
        var password = form.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "rootPassword");
        password.GetProperty("isSet").GetBoolean().Should().BeTrue();
        password.GetProperty("value").ValueKind.Should().Be(JsonValueKind.Null);
        form.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "diskGb").GetProperty("value").GetString().Should().Be("40");
        (await (await client.GetAsync($"{Api}/{id}")).JsonAsync()).GetProperty("moduleKey").GetString().Should().Be(SampleProductModule.Key);

        // Stored encrypted; an empty secret keeps it; the activity log never holds it.
        (await client.PutAsJsonAsync($"{Api}/{id}/module-settings", new { moduleKey = SampleProductModule.Key, values = new Dictionary<string, string?> { ["plan"] = "large", ["diskGb"] = "80", ["rootPassword"] = "" } }))
            .EnsureSuccessStatusCode();
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.ProductModuleSettings.SingleAsync(s => s.ProductId == id && s.Key == "rootPassword");
            stored.IsSecret.Should().BeTrue();
            stored.Value.Should().NotBe(secret);
            app.Services.GetRequiredService<ISecretProtector>().Unprotect(stored.Value!).Should().Be(secret);
            (await db.ActivityLog.AnyAsync(e => e.Changes != null && e.Changes.Contains(secret))).Should().BeFalse();
        }

        // No module ("": a moduleKey left out or null keeps the module): the product's settings go with it.
        (await client.PutAsJsonAsync($"{Api}/{id}/module-settings", new { moduleKey = "", values = new Dictionary<string, string?>() })).EnsureSuccessStatusCode();
        (await (await client.GetAsync($"{Api}/{id}")).JsonAsync()).GetProperty("moduleKey").ValueKind.Should().Be(JsonValueKind.Null);
        await using (var db = app.CreateDbContext())
            (await db.ProductModuleSettings.AnyAsync(s => s.ProductId == id)).Should().BeFalse();
    }

    [Fact]
    public async Task Deleting_a_product_takes_its_prices_and_links_with_it()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await CreateProductAsync(client, NewKey());
        var eur = await CurrencyIdAsync(client, "EUR");
        (await client.PostAsJsonAsync($"{Api}/{id}/prices", new { currencyId = eur, period = "Monthly", @base = 1m })).EnsureSuccessStatusCode();
        var (attribute, firewall, _) = await ArrangeCatalogAsync();
        (await client.PostAsJsonAsync($"{Api}/{id}/attributes", new { attributeId = attribute })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"{Api}/{id}/option-groups", new { optionGroupId = firewall })).EnsureSuccessStatusCode();

        (await client.DeleteAsync($"{Api}/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.GetAsync($"{Api}/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = app.CreateDbContext();
        (await db.ProductPrices.AnyAsync(p => p.ProductId == id)).Should().BeFalse();
        (await db.ProductAttributeLinks.AnyAsync(l => l.ProductId == id)).Should().BeFalse();
        (await db.ProductOptionGroupLinks.AnyAsync(l => l.ProductId == id)).Should().BeFalse();
        (await db.OptionGroups.AnyAsync(g => g.Id == firewall)).Should().BeTrue();
    }

    [Fact]
    public async Task Each_action_needs_its_permission()
    {
        var admin = await app.SuperAdminClientAsync();
        var id = await CreateProductAsync(admin, NewKey());

        var viewer = await app.StaffClientWithAsync(Permissions.ProductsView);
        (await viewer.GetAsync(Api)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync($"{Api}/{id}/prices")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync($"{Api}/{id}/module-settings")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.PostAsJsonAsync(Api, new { key = NewKey() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PutAsJsonAsync($"{Api}/{id}", new { isActive = true })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PostAsJsonAsync($"{Api}/{id}/prices", new { currencyId = Guid.NewGuid(), period = "Monthly" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PutImageAsync($"{Api}/{id}/images/icon", ImageUploads.TinyPng, "icon.png", "image/png")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PutAsJsonAsync($"{Api}/{id}/module-settings", new { moduleKey = (string?)null })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var editor = await app.StaffClientWithAsync(Permissions.ProductsView, Permissions.ProductsEdit);
        (await editor.PutAsJsonAsync($"{Api}/{id}", new { isActive = true })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await editor.DeleteAsync($"{Api}/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await editor.PostAsJsonAsync(Api, new { key = NewKey() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // The edit permission alone is enough to edit (and so to see) what it names.
        var editOnly = await app.StaffClientWithAsync(Permissions.ProductsEdit);
        (await editOnly.PutAsJsonAsync($"{Api}/{id}", new { isActive = false })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await editOnly.GetAsync($"{Api}/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await editOnly.DeleteAsync($"{Api}/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var creator = await app.StaffClientWithAsync(Permissions.ProductsCreate);
        (await creator.PostAsJsonAsync(Api, new { key = NewKey() })).StatusCode.Should().Be(HttpStatusCode.Created);

        var nobody = await app.StaffClientWithAsync();
        (await nobody.GetAsync(Api)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync($"{Api}/{id}/attributes")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync($"{Api}/{id}/option-groups")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync($"{Api}/modules")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    public static string NewKey() => "p-" + Guid.NewGuid().ToString("N")[..10];

    public static async Task<Guid> CreateProductAsync(HttpClient client, string key)
    {
        var response = await client.PostAsJsonAsync(Api, new { key });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>The currency of the code, created through the API the first time a test needs it.</summary>
    public static async Task<Guid> CurrencyIdAsync(HttpClient client, string code)
    {
        var found = (await (await client.GetAsync($"/api/admin/v1/currencies?search={code}")).JsonAsync()).GetProperty("items").EnumerateArray()
            .FirstOrDefault(c => c.GetProperty("code").GetString() == code);
        if (found.ValueKind == JsonValueKind.Object) return found.GetProperty("id").GetGuid();
        var created = await client.PostAsJsonAsync("/api/admin/v1/currencies", new { code, exchangeRate = 2m, format = "CommaDot" });
        if (created.StatusCode == HttpStatusCode.BadRequest) return await CurrencyIdAsync(client, code); // another test made it meanwhile
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await created.JsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task ExpectFieldErrorAsync(HttpResponseMessage response, string field, string message)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        errors.TryGetProperty(field, out var list).Should().BeTrue($"the answer names the field {field}: {text}");
        list[0].GetString().Should().Contain(message);
    }

    private async Task SetModuleActiveAsync(HttpClient client, bool active)
    {
        var state = (await (await client.GetAsync("/api/admin/v1/modules")).JsonAsync()).EnumerateArray()
            .Single(m => m.GetProperty("key").GetString() == SampleProductModule.Key).GetProperty("state").GetString();
        if ((state == "Active") == active) return;
        (await client.PostAsync($"/api/admin/v1/modules/{SampleProductModule.Key}/{(active ? "activate" : "deactivate")}", null)).EnsureSuccessStatusCode();
    }

    /// <summary>An attribute group with one attribute, and two option groups (Location's options positioned out of key order).</summary>
    private async Task<(Guid Attribute, Guid Firewall, Guid Location)> ArrangeCatalogAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var network = new AttributeGroup { Key = $"network-{suffix}", Name = new() { ["en"] = "Network" } };
        var ipv6 = new ProductAttribute { AttributeGroupId = network.Id, Key = $"ipv6-{suffix}", Name = new() { ["en"] = "IPv6", ["pl"] = "IPv6 (pl)" }, IsVisible = true };
        var firewall = new OptionGroup { Key = $"firewall-{suffix}", Name = new() { ["en"] = "Firewall" }, Position = 0 };
        var location = new OptionGroup { Key = $"location-{suffix}", Name = new() { ["en"] = "Location" }, Position = 1 };
        location.Options.AddRange([
            new ProductOption { Key = "fra", Name = new() { ["en"] = "Frankfurt" }, Position = 2 },
            new ProductOption { Key = "waw", Name = new() { ["en"] = "Warsaw" }, Position = 0 },
            new ProductOption { Key = "ams", Name = new() { ["en"] = "Amsterdam" }, Position = 1 },
        ]);
        await using var db = app.CreateDbContext();
        db.AttributeGroups.Add(network);
        db.ProductAttributes.Add(ipv6);
        db.OptionGroups.AddRange(firewall, location);
        await db.SaveChangesAsync();
        return (ipv6.Id, firewall.Id, location.Id);
    }
}

public sealed class SqliteProductApiTests(SqliteAppFixture fixture) : ProductApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresProductApiTests(PostgresAppFixture fixture) : ProductApiTests(fixture.App), IClassFixture<PostgresAppFixture>;

/// <summary>The delete rule against the services seam: a test double reports services for one product.</summary>
public sealed class ProductUsageTests : IAsyncLifetime
{
    private readonly ProductsInUse _usage = new();
    private PuqAppFactory _app = default!;

    public async Task InitializeAsync() =>
        _app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, services: s => s.AddSingleton<IProductUsage>(_usage));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_product_that_services_use_cannot_be_deleted_and_the_grid_counts_them()
    {
        var client = await _app.SuperAdminClientAsync();
        var key = ProductApiTests.NewKey();
        var id = await ProductApiTests.CreateProductAsync(client, key);
        _usage.Services[id] = 3;

        var refused = await client.DeleteAsync($"{ProductApiTests.Api}/{id}");

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).Should().Contain($"{key} is used by 3 service(s)");
        (await (await client.GetAsync($"{ProductApiTests.Api}?search={key}")).JsonAsync()).GetProperty("items")[0].GetProperty("serviceCount").GetInt32().Should().Be(3);
        (await (await client.GetAsync($"{ProductApiTests.Api}/{id}")).JsonAsync()).GetProperty("serviceCount").GetInt32().Should().Be(3);

        _usage.Services[id] = 0;
        (await client.DeleteAsync($"{ProductApiTests.Api}/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    private sealed class ProductsInUse : IProductUsage
    {
        public ConcurrentDictionary<Guid, int> Services { get; } = new();

        public Task<IReadOnlyDictionary<Guid, int>> CountServicesAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<Guid, int>>(productIds.ToDictionary(id => id, id => Services.GetValueOrDefault(id)));
    }
}
