using System.Net.Http.Json;
using Microsoft.Playwright;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>The Monitoring pages and the General and Countries settings, as an admin uses them; screenshots light and dark.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MonitoringPagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_activity_log_shows_what_a_command_changed_and_the_sessions_show_who_did_what()
    {
        // Something to look at: a change over the API, and a client user's visit to the client area.
        using var api = await App.SuperAdminClientAsync();
        var created = await (await api.PostAsJsonAsync("/api/admin/v1/currencies", new { code = "NOK", suffix = "kr", exchangeRate = 10.5m, format = "SpaceComma", isDefault = false })).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        (await api.PutAsJsonAsync($"/api/admin/v1/currencies/{id}", new { code = "NOK", suffix = "kr", exchangeRate = 11.25m, format = "SpaceComma", isDefault = false })).EnsureSuccessStatusCode();
        var clara = await App.AddClientUserAsync("clara@example.test", "Client-area-2026", "Clara", "Oswald");
        await using (var db = App.CreateDbContext())
        {
            var client = new Client { FirstName = "Clara", LastName = "Oswald", CompanyName = "Oswald Hosting", CurrencyId = db.Currencies.Single(c => c.IsDefault).Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Clients.Add(client);
            db.ClientMemberships.Add(new ClientMembership { ClientId = client.Id, ClientUserId = clara.Id, IsOwner = true, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await using (var client = await Browser.NewPersonAsync(App.ServerAddress))
        {
            var clientPage = await client.NewPageAsync();
            await clientPage.GotoAsync("/login");
            await clientPage.FillAsync("#email", "clara@example.test");
            await clientPage.FillAsync("#password", "Client-area-2026");
            await clientPage.ClickAsync("[data-testid=sign-in]");
            await Expect(clientPage.GetByTestId("signed-in-client")).ToContainTextAsync("Clara Oswald", new() { Timeout = 15_000 });
        }

        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        // A refused sign-in first: the activity log must call it failed, not succeeded.
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, "Not-the-password-2026");
        await Expect(page.GetByTestId("form-message")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);

        await page.OpenFromMenuAsync("menu-monitoring", "menu-activity-log", "**/admin/monitoring/activity-log");
        var grid = page.GetByTestId("activity-grid");
        await Expect(grid).ToContainTextAsync("Update currency");
        await page.AssertAccessibleAsync("Activity log, light");
        await Screenshots.SaveAsync(page, "monitoring-activity-log-light");

        await grid.Locator("tr", new() { HasText = "Update currency" }).GetByTestId("activity-details").ClickAsync();
        var dialog = page.GetByTestId("activity-dialog");
        var rate = dialog.GetByTestId("change-row").Filter(new() { HasText = "ExchangeRate" });
        await Expect(rate.GetByTestId("change-before")).ToContainTextAsync("10.5");
        await Expect(rate.GetByTestId("change-after")).ToContainTextAsync("11.25");
        await Expect(dialog).ToContainTextAsync("Succeeded");
        await BrowserSteps.Dialog(page).WaitForAnimationsAsync();
        await page.AssertAccessibleAsync("Activity log entry, light");
        await Screenshots.SaveAsync(page, "monitoring-activity-log-detail-light");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).Not.ToBeVisibleAsync();

        // The refused sign-in is a failed entry in the list and in its details.
        await page.GetByTestId("search").FillAsync("sign in staff");
        var refused = grid.Locator("tr", new() { Has = page.GetByTestId("result-failed") }).Filter(new() { HasText = "Sign in staff" });
        await Expect(refused).ToHaveCountAsync(1);
        await Expect(grid.Locator("tr", new() { HasText = "Sign in staff", Has = page.GetByTestId("result-succeeded") })).ToHaveCountAsync(1);
        await refused.GetByTestId("activity-details").ClickAsync();
        await Expect(dialog.GetByTestId("result-failed")).ToBeVisibleAsync();
        await BrowserSteps.Dialog(page).GetByTestId("close-dialog").ClickAsync();
        await Expect(dialog).Not.ToBeVisibleAsync();

        // The search narrows the list over the circuit.
        await page.GetByTestId("search").FillAsync("create currency");
        await Expect(grid).Not.ToContainTextAsync("Update currency");
        await Expect(grid).ToContainTextAsync("Create currency");

        // The admin's own navigation inside the circuit is in Admin Sessions; Clara's visit is in Client Sessions.
        await page.OpenFromMenuAsync(null, "menu-admin-sessions", "**/admin/monitoring/admin-sessions");
        await Expect(page.GetByTestId("admin-session-grid")).ToContainTextAsync("/admin/monitoring/activity-log");
        await page.AssertAccessibleAsync("Admin sessions, light");
        await Screenshots.SaveAsync(page, "monitoring-admin-sessions-light");
        await page.GetByTestId("hide-me").ClickAsync();
        await Expect(page.GetByTestId("admin-session-grid")).Not.ToContainTextAsync("/admin/monitoring/activity-log");
        await page.GetByTestId("hide-me").ClickAsync();

        // With auto refresh on, a new request shows up without touching the page.
        await page.GetByTestId("auto-refresh-switch").ClickAsync();
        (await api.GetAsync("/api/admin/v1/me?marker=live-check")).EnsureSuccessStatusCode();
        await Expect(page.GetByTestId("admin-session-grid")).ToContainTextAsync("marker=live-check", new() { Timeout = 15_000 });

        await page.OpenFromMenuAsync(null, "menu-client-sessions", "**/admin/monitoring/client-sessions");
        await Expect(page.GetByTestId("client-session-grid")).ToContainTextAsync("clara@example.test");
        await Expect(page.GetByTestId("client-session-grid")).ToContainTextAsync("Oswald Hosting");
        await page.AssertAccessibleAsync("Client sessions, light");
        await Screenshots.SaveAsync(page, "monitoring-client-sessions-light");

        // The Module Log with nothing logged yet: its empty state, in both themes below.
        await page.OpenFromMenuAsync(null, "menu-module-log", "**/admin/monitoring/module-log");
        await Expect(page.GetByTestId("module-log-grid").GetByTestId("empty-state")).ToContainTextAsync("Nothing found.");
        await page.AssertAccessibleAsync("Module log, light");
        await Screenshots.SaveAsync(page, "monitoring-module-log-light");

        await page.OpenFromMenuAsync("menu-settings", "menu-countries", "**/admin/settings/countries");
        await Expect(page.GetByTestId("country-grid")).ToContainTextAsync("Afghanistan");
        await page.GetByTestId("search").FillAsync("pol");
        await Expect(page.GetByTestId("country-grid")).ToContainTextAsync("Poland");
        await Screenshots.SaveAsync(page, "countries-light");
        await page.GetByTestId("regions-PL").ClickAsync();
        await Expect(page.GetByTestId("region-grid")).ToContainTextAsync("PL-");
        await page.GetByTestId("region-search").FillAsync("mazow");
        await Expect(page.GetByTestId("region-grid")).ToContainTextAsync("Mazowieckie");
        await Expect(page.GetByTestId("region-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        await page.SettleAsync();
        await Screenshots.SaveAsync(page, "country-regions-light");
        await page.GetByTestId("close-regions").ClickAsync();

        // The same pages in the dark theme: it switches where the page stands, the search as it was.
        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.GetByTestId("search")).ToHaveValueAsync("pol");
        await Expect(page.GetByTestId("country-grid")).ToContainTextAsync("Poland");
        await Screenshots.SaveAsync(page, "countries-dark");
        await page.GetByTestId("regions-PL").ClickAsync();
        await Expect(page.GetByTestId("region-grid")).ToContainTextAsync("PL-");
        await page.SettleAsync();
        await Screenshots.SaveAsync(page, "country-regions-dark");

    }

    [Fact]
    public async Task General_settings_show_a_bad_value_next_to_its_field_and_keep_a_good_save()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);

        await page.OpenFromMenuAsync("menu-settings", "menu-general-settings", "**/admin/settings/general");
        await Expect(Field(page, "TimeBased.TaskQueueDays")).ToHaveValueAsync("30");
        await Screenshots.SaveAsync(page, "general-settings-light");

        // A largest top-up below the smallest: the error appears next to the field, on its tab.
        await BrowserSteps.Tab(page, "Finance").ClickAsync();
        await Field(page, "Finance.MaxAddFunds").FillAsync("2");
        await Field(page, "Finance.MaxAddFunds").PressAsync("Tab");
        await page.GetByTestId("save-general").ClickAsync();
        await Expect(page.GetByTestId("error-Finance.MaxAddFunds")).ToContainTextAsync("cannot be below the smallest");
        await Expect(page.GetByTestId("form-message")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "general-settings-errors-light");

        await Field(page, "Finance.MaxAddFunds").FillAsync("2500");
        await Field(page, "Finance.MaxAddFunds").PressAsync("Tab");
        await BrowserSteps.Tab(page, "Time Based").ClickAsync();
        await Field(page, "TimeBased.TaskQueueDays").FillAsync("45");
        await Field(page, "TimeBased.TaskQueueDays").PressAsync("Tab");
        await BrowserSteps.Tab(page, "Social").ClickAsync();
        await Field(page, "Social.Website").FillAsync("https://example.test");
        await Field(page, "Social.Website").PressAsync("Tab");
        await page.GetByTestId("save-general").ClickAsync();
        await Expect(page.GetByTestId("error-Finance.MaxAddFunds")).Not.ToBeVisibleAsync();
        await Expect(BrowserSteps.Toast(page, "General settings saved")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(Field(page, "TimeBased.TaskQueueDays")).ToHaveValueAsync("45", new() { Timeout = 15_000 });
        await BrowserSteps.Tab(page, "Finance").ClickAsync();
        await Expect(Field(page, "Finance.MaxAddFunds")).ToHaveValueAsync("2500.00");
        await BrowserSteps.Tab(page, "Social").ClickAsync();
        await Expect(Field(page, "Social.Website")).ToHaveValueAsync("https://example.test");

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(Field(page, "TimeBased.TaskQueueDays")).ToHaveValueAsync("45", new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(page, "general-settings-dark");
        await BrowserSteps.Tab(page, "Finance").ClickAsync();
        await Field(page, "Finance.MinAddFunds").FillAsync("-1");
        await Field(page, "Finance.MinAddFunds").PressAsync("Tab");
        await page.GetByTestId("save-general").ClickAsync();
        await Expect(page.GetByTestId("error-Finance.MinAddFunds")).ToContainTextAsync("cannot be negative");
        await Screenshots.SaveAsync(page, "general-settings-errors-dark");
    }

    [Fact]
    public async Task Staff_who_may_only_view_general_settings_see_them_read_only_and_no_monitoring_menu()
    {
        var viewer = await App.AddStaffAsync("viewer@example.test", "Viewer-only-2026", superAdmin: false);
        await using (var db = App.CreateDbContext())
        {
            var group = new PuqCloud.Core.Domain.Staff.AdminGroup { Name = "Settings viewers", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            group.Permissions.Add(new PuqCloud.Core.Domain.Staff.AdminGroupPermission { Permission = PuqCloud.Core.Security.Permissions.GeneralSettingsView });
            group.Members.Add(new PuqCloud.Core.Domain.Staff.StaffGroupMembership { StaffAccountId = viewer.Id });
            db.AdminGroups.Add(group);
            await db.SaveChangesAsync();
        }
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync("viewer@example.test", "Viewer-only-2026");
        await page.ExpectConsoleAsync("viewer@example.test");

        await Expect(page.GetByTestId("menu-monitoring")).ToHaveCountAsync(0);
        await page.OpenFromMenuAsync("menu-settings", "menu-general-settings", "**/admin/settings/general");
        await Expect(page.GetByTestId("menu-countries")).ToHaveCountAsync(0);
        await Expect(Field(page, "TimeBased.TaskQueueDays")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("save-general")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("form-message")).ToContainTextAsync("permission to edit");
        await Screenshots.SaveAsync(page, "general-settings-read-only-light");
    }

    private static ILocator Field(IPage page, string path) => page.Locator($"input[name='{path}']");
}
