using Microsoft.Playwright;
using PuqCloud.Modules.Product.Sample;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Settings → Modules, a module's settings and the Module Log as an admin uses them; screenshots light and dark.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ModulePagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    private readonly AccessibilityFindings _accessibility = new();

    [Fact]
    public async Task Activating_the_sample_product_shows_its_migration_in_the_open_module_log_and_its_secret_stays_hidden()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var logPage = await person.NewPageAsync();
        await logPage.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await logPage.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await logPage.OpenFromMenuAsync("menu-monitoring", "menu-module-log", "**/admin/monitoring/module-log");
        var logGrid = logPage.GetByTestId("module-log-grid");
        await Expect(logGrid).ToContainTextAsync("Nothing found.");

        // A second tab of the same person activates the module; the open Module Log shows the migration entry without a reload.
        var page = await person.NewPageAsync();
        await page.GotoAsync("/admin");
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await page.OpenFromMenuAsync("menu-settings", "menu-modules", "**/admin/settings/modules");
        await Expect(page.GetByTestId($"module-state-{SampleProductModule.Key}")).ToHaveTextAsync("Inactive");
        await _accessibility.CheckAsync(page, "Modules, light");
        await page.GetByTestId($"activate-{SampleProductModule.Key}").ClickAsync();
        await ConfirmAsync(page);
        await Expect(page.GetByTestId($"module-state-{SampleProductModule.Key}")).ToHaveTextAsync("Active");
        await Expect(logGrid).ToContainTextAsync($"Installed version {SampleProductModule.Version}.", new() { Timeout = 10_000 });
        await Expect(logGrid).ToContainTextAsync("Sample Product");
        await Screenshots.SaveAsync(page, "modules-light");

        // Settings: the secret is saved, then shown only as set.
        await page.GetByTestId($"settings-{SampleProductModule.Key}").ClickAsync();
        await page.WaitForURLAsync($"**/admin/settings/modules/{SampleProductModule.Key}");
        var secret = "sk-browser-" + Guid.NewGuid().ToString("N")[..12];
        await Expect(page.GetByTestId("secret-state-apiKey")).ToHaveTextAsync("No value is set.");
        await _accessibility.CheckAsync(page, "Module settings, light");
        await page.GetByTestId("setting-delaySeconds").FillAsync("0");
        await page.GetByTestId("setting-apiKey").FillAsync(secret);
        await page.GetByTestId("save-module-settings").ClickAsync();
        await Expect(page.GetByTestId("secret-state-apiKey")).ToHaveTextAsync("A value is set.");
        await Expect(page.GetByTestId("setting-apiKey")).ToHaveValueAsync("");
        (await page.ContentAsync()).Should().NotContain(secret);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("secret-state-apiKey")).ToHaveTextAsync("A value is set.");
        await Expect(page.GetByTestId("setting-delaySeconds")).ToHaveValueAsync("0");
        (await page.ContentAsync()).Should().NotContain(secret);
        await Screenshots.SaveAsync(page, "module-settings-light");

        // A provisioning call logs request and response; the detail dialog shows them with the API key masked.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            // As the host's service.module-action task calls it, with the module's own context.
            var module = (await scope.ServiceProvider.GetRequiredService<PuqCloud.Core.Modules.IModuleCatalog>().ActiveAsync(CancellationToken.None))
                .Single(m => m.Key == SampleProductModule.Key);
            var context = scope.ServiceProvider.GetRequiredService<PuqCloud.Core.Modules.ModuleContextFactory>().Create(module, scope.ServiceProvider);
            await ((PuqCloud.Modules.Abstractions.IProductModule)module.Instance).CreateAsync(context, new PuqCloud.Modules.Abstractions.ProvisioningRequest(Guid.NewGuid(),
                new Dictionary<string, string> { ["plan"] = "small" }, new Dictionary<string, string>()), CancellationToken.None);
        }
        var createRow = logGrid.Locator("tr", new() { HasText = "create done" });
        await Expect(createRow).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Screenshots.SaveAsync(logPage, "module-log-light");
        await createRow.GetByTestId("module-log-details").ClickAsync();
        var dialog = logPage.GetByTestId("module-log-dialog");
        await Expect(dialog.GetByTestId("module-log-request")).ToContainTextAsync("\"apiKey\": \"***\"");
        await Expect(dialog.GetByTestId("module-log-response")).ToContainTextAsync("\"succeeded\": true");
        (await dialog.InnerTextAsync()).Should().NotContain(secret);
        await logPage.SettleAsync();
        await Screenshots.SaveAsync(logPage, "module-log-detail-light");
        await logPage.Keyboard.PressAsync("Escape");

        // The same pages in the dark theme.
        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.GetByTestId("secret-state-apiKey")).ToHaveTextAsync("A value is set.");
        await _accessibility.CheckAsync(page, "Module settings, dark");
        await Screenshots.SaveAsync(page, "module-settings-dark");
        await page.GotoAsync("/admin/settings/modules");
        await Expect(page.GetByTestId($"module-state-{SampleProductModule.Key}")).ToHaveTextAsync("Active");
        await _accessibility.CheckAsync(page, "Modules, dark");
        await Screenshots.SaveAsync(page, "modules-dark");
        _accessibility.ShouldBeNone();
    }

    [Fact]
    public async Task The_sample_plugin_page_is_reachable_from_its_menu_entry_once_active()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await Expect(page.GetByTestId("menu-add-ons")).ToHaveCountAsync(0);

        await page.OpenFromMenuAsync("menu-settings", "menu-modules", "**/admin/settings/modules");
        await page.GetByTestId("activate-sample-plugin").ClickAsync();
        await ConfirmAsync(page);
        await Expect(page.GetByTestId("module-state-sample-plugin")).ToHaveTextAsync("Active");

        await page.ReloadAsync();
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await page.OpenFromMenuAsync("menu-add-ons", "menu-addon-sample-plugin", "**/admin/addons/sample-plugin");
        await Expect(page.GetByTestId("sample-plugin-runs")).ToHaveTextAsync("0");
        await page.GetByTestId("sample-plugin-run").ClickAsync();
        await Expect(page.GetByTestId("sample-plugin-runs")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("sample-plugin-last-run")).Not.ToHaveTextAsync("never");
    }

    private static async Task ConfirmAsync(IPage page)
    {
        // The confirm button of the message box is its last one (Cancel comes first).
        var dialog = BrowserSteps.Dialog(page);
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator(".mud-dialog-actions button").Last.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }
}
