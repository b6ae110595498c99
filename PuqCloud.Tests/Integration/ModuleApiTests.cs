using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;
using PuqCloud.Modules.Plugin.Sample;
using PuqCloud.Modules.Product.Sample;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

public abstract class ModuleApiTests(PuqAppFactory app)
{
    private const string Product = SampleProductModule.Key;
    private const string Plugin = SamplePluginModule.Key;

    [Fact]
    public async Task Discovery_finds_both_sample_modules_with_their_manifests()
    {
        var client = await app.SuperAdminClientAsync();

        var modules = (await (await client.GetAsync("/api/admin/v1/modules")).JsonAsync()).EnumerateArray().ToList();

        var product = modules.Single(m => m.GetProperty("key").GetString() == Product);
        product.GetProperty("kind").GetString().Should().Be("Product");
        product.GetProperty("name").GetString().Should().Be("Sample Product");
        product.GetProperty("version").GetString().Should().Be(SampleProductModule.Version);
        var plugin = modules.Single(m => m.GetProperty("key").GetString() == Plugin);
        plugin.GetProperty("kind").GetString().Should().Be("Plugin");
        plugin.GetProperty("version").GetString().Should().Be(SamplePluginModule.Version);
        ModuleCatalog.Discover([typeof(SampleProductModule).Assembly]).Select(m => m.Key).Should().BeEquivalentTo([Product, Plugin, PuqCloud.Modules.Payment.BankTransfer.BankTransferModule.Key]);
    }

    [Fact]
    public async Task Activation_runs_the_migration_step_and_an_older_installed_version_needs_an_update()
    {
        var client = await app.SuperAdminClientAsync();
        await DeactivateIfActiveAsync(client, Product);

        var activated = await client.PostAsync($"/api/admin/v1/modules/{Product}/activate", null);
        activated.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await activated.JsonAsync();
        body.GetProperty("state").GetString().Should().Be("Active");
        body.GetProperty("installedVersion").GetString().Should().Be(SampleProductModule.Version);
        (await LogMessagesAsync(client, Product, "migrate")).Should().Contain(m => m.Contains($"{SampleProductModule.Version}"));

        // An older version ran the step last: the list says so, and Update runs the step from that version.
        await using (var db = app.CreateDbContext())
            await db.Modules.Where(m => m.Key == Product).ExecuteUpdateAsync(s => s.SetProperty(m => m.InstalledVersion, "1.0.0"));
        var listed = (await (await client.GetAsync("/api/admin/v1/modules")).JsonAsync()).EnumerateArray().Single(m => m.GetProperty("key").GetString() == Product);
        listed.GetProperty("state").GetString().Should().Be("NeedsUpdate");
        listed.GetProperty("installedVersion").GetString().Should().Be("1.0.0");

        var updated = await (await client.PostAsync($"/api/admin/v1/modules/{Product}/update", null)).JsonAsync();
        updated.GetProperty("state").GetString().Should().Be("Active");
        updated.GetProperty("installedVersion").GetString().Should().Be(SampleProductModule.Version);
        (await LogMessagesAsync(client, Product, "migrate")).Should().Contain($"Migrated from version 1.0.0 to {SampleProductModule.Version}.");
        (await client.PostAsync($"/api/admin/v1/modules/{Product}/update", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deactivation_hides_handlers_schedules_permissions_and_menu_entries()
    {
        var client = await app.SuperAdminClientAsync();
        await ActivateIfInactiveAsync(client, Product);
        await ActivateIfInactiveAsync(client, Plugin);

        (await HandlerNamesAsync()).Should().Contain($"{Plugin}:{SamplePluginModule.RunTask}");
        (await ScheduleKeysAsync()).Should().Contain($"module.{Plugin}.{SamplePluginModule.ScheduleKey}");
        var schedule = (await SchedulesAsync()).Single(s => s.Key == $"module.{Plugin}.{SamplePluginModule.ScheduleKey}");
        schedule.Tab.Should().Be($"module:{Plugin}");
        schedule.EnabledByDefault.Should().BeFalse();
        var permission = $"module.{Plugin}.{SamplePluginModule.ViewAction}";
        (await PermissionKeysAsync(client)).Should().Contain(permission);
        (await (await client.GetAsync("/api/admin/v1/me")).JsonAsync()).GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).Should().Contain(permission);

        (await client.PostAsync($"/api/admin/v1/modules/{Plugin}/deactivate", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync($"/api/admin/v1/modules/{Product}/deactivate", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await HandlerNamesAsync()).Should().NotContain(n => n.StartsWith(Plugin + ":"));
        (await ScheduleKeysAsync()).Should().NotContain(k => k.StartsWith($"module.{Plugin}."));
        (await PermissionKeysAsync(client)).Should().NotContain(permission);
        (await client.PostAsync($"/api/admin/v1/modules/{Plugin}/deactivate", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Secrets_are_stored_encrypted_and_never_returned_in_clear()
    {
        var client = await app.SuperAdminClientAsync();
        var secret = "sk-live-" + Guid.NewGuid().ToString("N");

        var saved = await client.PutAsJsonAsync($"/api/admin/v1/modules/{Product}/settings",
            new { values = new Dictionary<string, string?> { ["delaySeconds"] = "0", ["failureRate"] = "0", ["apiKey"] = secret, ["region"] = "us-east" } });
        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await saved.Content.ReadAsStringAsync()).Should().NotContain(secret);
        var apiKey = (await saved.JsonAsync()).GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "apiKey");
        apiKey.GetProperty("isSet").GetBoolean().Should().BeTrue();
        apiKey.GetProperty("value").ValueKind.Should().Be(JsonValueKind.Null);

        await using (var db = app.CreateDbContext())
        {
            var stored = await db.ModuleSettings.SingleAsync(s => s.ModuleKey == Product && s.Key == "apiKey");
            stored.IsSecret.Should().BeTrue();
            stored.Value.Should().NotBe(secret);
            app.Services.GetRequiredService<ISecretProtector>().Unprotect(stored.Value!).Should().Be(secret);
            // The activity log records the change without the value.
            (await db.ActivityLog.AnyAsync(e => e.Changes != null && e.Changes.Contains(secret))).Should().BeFalse();
        }

        // Saving with the secret left empty keeps it.
        (await client.PutAsJsonAsync($"/api/admin/v1/modules/{Product}/settings",
            new { values = new Dictionary<string, string?> { ["delaySeconds"] = "0", ["failureRate"] = "0", ["apiKey"] = "", ["region"] = "eu-central" } })).EnsureSuccessStatusCode();
        var read = await client.GetAsync($"/api/admin/v1/modules/{Product}/settings");
        (await read.Content.ReadAsStringAsync()).Should().NotContain(secret);
        (await read.JsonAsync()).GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "apiKey").GetProperty("isSet").GetBoolean().Should().BeTrue();
        await using (var db = app.CreateDbContext())
            app.Services.GetRequiredService<ISecretProtector>().Unprotect((await db.ModuleSettings.SingleAsync(s => s.ModuleKey == Product && s.Key == "apiKey")).Value!).Should().Be(secret);

        var bad = await client.PutAsJsonAsync($"/api/admin/v1/modules/{Product}/settings",
            new { values = new Dictionary<string, string?> { ["delaySeconds"] = "soon", ["failureRate"] = "0", ["region"] = "mars" } });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        errors.TryGetProperty("delaySeconds", out _).Should().BeTrue();
        errors.TryGetProperty("region", out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_sample_product_succeeds_at_rate_0_fails_at_100_and_the_log_masks_its_api_key()
    {
        var client = await app.SuperAdminClientAsync();
        await ActivateIfInactiveAsync(client, Product);
        var secret = "masked-" + Guid.NewGuid().ToString("N");
        await SaveProductSettingsAsync(client, failureRate: "0", secret);

        var request = new ProvisioningRequest(Guid.NewGuid(), new Dictionary<string, string> { ["plan"] = "small" },
            new Dictionary<string, string> { ["password"] = "hunter2-service-password", ["note"] = "kept" });
        (await CallProductModuleAsync((module, context) => module.CreateAsync(context, request, CancellationToken.None))).Succeeded.Should().BeTrue();

        await SaveProductSettingsAsync(client, failureRate: "100", secret);
        (await CallProductModuleAsync((module, context) => module.SuspendAsync(context, request, CancellationToken.None))).Succeeded.Should().BeFalse();

        await using var db = app.CreateDbContext();
        var rows = await db.ModuleLog.Where(e => e.ModuleKey == Product).ToListAsync();
        rows.Should().Contain(e => e.Action == "create" && e.Level == "Info").And.Contain(e => e.Action == "suspend" && e.Level == "Error");
        rows.Should().NotContain(e => (e.Request ?? "").Contains(secret) || (e.Response ?? "").Contains(secret) || e.Message.Contains(secret));
        rows.Should().NotContain(e => (e.Request ?? "").Contains("hunter2-service-password"));
        rows.Single(e => e.Action == "create").Request.Should().Contain("\"apiKey\": \"***\"").And.Contain("kept");
    }

    [Fact]
    public void Masking_covers_secret_values_json_fields_and_form_fields()
    {
        SecretMasking.Mask("""{"user":"a","Password":"p1","api_key":123,"nested":{"authToken":"t"}} s3cr3t""", ["s3cr3t"])
            .Should().Be("""{"user":"a","Password":"***","api_key":"***","nested":{"authToken":"***"}} ***""");
        SecretMasking.Mask("user=a&password=p%20q&apiKey=zz&x=1", []).Should().Be("user=a&password=***&apiKey=***&x=1");
        // A base64 key in a body System.Text.Json wrote (+ as \u002B), under a field name no rule knows, and in a query string.
        const string key = "k+y/Q==";
        SecretMasking.Mask(System.Text.Json.JsonSerializer.Serialize(new { privateKey = key }) + " ?k=" + Uri.EscapeDataString(key), [key])
            .Should().Be("""{"privateKey":"***"} ?k=***""");
    }

    [Fact]
    public async Task Module_log_lists_filters_and_shows_one_entry_and_delete_all_needs_its_permission()
    {
        var client = await app.SuperAdminClientAsync();
        await DeactivateIfActiveAsync(client, Plugin);
        await ActivateIfInactiveAsync(client, Plugin);

        var page = await (await client.GetAsync($"/api/admin/v1/module-logs?module={Plugin}&level=Info&search=installed")).JsonAsync();
        var entry = page.GetProperty("items").EnumerateArray().First();
        entry.GetProperty("moduleKey").GetString().Should().Be(Plugin);
        var id = entry.GetProperty("id").GetGuid();
        var detail = await (await client.GetAsync($"/api/admin/v1/module-logs/{id}")).JsonAsync();
        detail.GetProperty("entry").GetProperty("action").GetString().Should().Be("migrate");
        (await (await client.GetAsync($"/api/admin/v1/module-logs?module={Plugin}&level=Error")).JsonAsync()).GetProperty("items").GetArrayLength().Should().Be(0);

        var viewer = await app.StaffClientWithAsync(Permissions.ModuleLogView);
        (await viewer.GetAsync("/api/admin/v1/module-logs")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.DeleteAsync("/api/admin/v1/module-logs")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var deleter = await app.StaffClientWithAsync(Permissions.ModuleLogView, Permissions.ModuleLogDelete);
        (await deleter.DeleteAsync("/api/admin/v1/module-logs")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await client.GetAsync("/api/admin/v1/module-logs")).JsonAsync()).GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Each_endpoint_refuses_staff_without_its_permission()
    {
        var nobody = await app.StaffClientWithAsync();
        var viewer = await app.StaffClientWithAsync(Permissions.ModulesView);
        var settings = JsonContent.Create(new { values = new Dictionary<string, string?>() });

        (await nobody.GetAsync("/api/admin/v1/modules")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync($"/api/admin/v1/modules/{Product}/settings")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync("/api/admin/v1/module-logs")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync($"/api/admin/v1/module-logs/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.DeleteAsync("/api/admin/v1/module-logs")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.GetAsync("/api/admin/v1/modules")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var action in new[] { "activate", "deactivate", "update" })
            (await viewer.PostAsync($"/api/admin/v1/modules/{Product}/{action}", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PutAsync($"/api/admin/v1/modules/{Product}/settings", settings)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task SaveProductSettingsAsync(HttpClient client, string failureRate, string apiKey) =>
        (await client.PutAsJsonAsync($"/api/admin/v1/modules/{Product}/settings",
            new { values = new Dictionary<string, string?> { ["delaySeconds"] = "0", ["failureRate"] = failureRate, ["apiKey"] = apiKey, ["region"] = "eu-central" } })).EnsureSuccessStatusCode();

    /// <summary>Calls the Sample Product module as the host's service.module-action task does: with the module's own context.</summary>
    private async Task<ProvisioningResult> CallProductModuleAsync(Func<IProductModule, IModuleContext, Task<ProvisioningResult>> call)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var module = (await scope.ServiceProvider.GetRequiredService<IModuleCatalog>().ActiveAsync(CancellationToken.None)).Single(m => m.Key == Product);
        return await call((IProductModule)module.Instance, scope.ServiceProvider.GetRequiredService<ModuleContextFactory>().Create(module, scope.ServiceProvider));
    }

    private async Task<List<string>> HandlerNamesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await TaskHandlers.AllAsync(scope.ServiceProvider, CancellationToken.None)).Select(h => h.Name).ToList();
    }

    private async Task<IReadOnlyList<ScheduleDefinition>> SchedulesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScheduleRegistry>().AllAsync(CancellationToken.None);
    }

    private async Task<List<string>> ScheduleKeysAsync() => (await SchedulesAsync()).Select(s => s.Key).ToList();

    private static async Task<List<string?>> PermissionKeysAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/admin/v1/permissions")).JsonAsync()).EnumerateArray().Select(p => p.GetProperty("key").GetString()).ToList();

    private static async Task<List<string>> LogMessagesAsync(HttpClient client, string module, string action) =>
        (await (await client.GetAsync($"/api/admin/v1/module-logs?module={module}&pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == action).Select(e => e.GetProperty("message").GetString()!).ToList();

    private static async Task ActivateIfInactiveAsync(HttpClient client, string key)
    {
        var state = await StateAsync(client, key);
        if (state == "Inactive") (await client.PostAsync($"/api/admin/v1/modules/{key}/activate", null)).EnsureSuccessStatusCode();
        else if (state == "NeedsUpdate") (await client.PostAsync($"/api/admin/v1/modules/{key}/update", null)).EnsureSuccessStatusCode();
    }

    private static async Task DeactivateIfActiveAsync(HttpClient client, string key)
    {
        if (await StateAsync(client, key) != "Inactive") (await client.PostAsync($"/api/admin/v1/modules/{key}/deactivate", null)).EnsureSuccessStatusCode();
    }

    private static async Task<string?> StateAsync(HttpClient client, string key) =>
        (await (await client.GetAsync("/api/admin/v1/modules")).JsonAsync()).EnumerateArray().Single(m => m.GetProperty("key").GetString() == key).GetProperty("state").GetString();
}

public sealed class SqliteModuleApiTests(SqliteAppFixture fixture) : ModuleApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresModuleApiTests(PostgresAppFixture fixture) : ModuleApiTests(fixture.App), IClassFixture<PostgresAppFixture>;
