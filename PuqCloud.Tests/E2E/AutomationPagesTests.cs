using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Automation → Scheduler and the dashboard's movable widgets, in the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AutomationPagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Switching_a_schedule_off_hides_its_next_run_and_on_shows_it_again()
    {
        // One recorded run, so that a card shows its last run and outcome.
        var api = await App.SuperAdminClientAsync();
        (await api.PostAsync($"/api/admin/v1/schedules/{Uri.EscapeDataString(RetentionCleanup.TaskQueueKey)}/run", null)).EnsureSuccessStatusCode();
        // And one that failed, which says why on its card.
        await using (var db = App.CreateDbContext())
            (await db.Schedules.Where(s => s.Key == RetentionCleanup.SessionsKey).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastRunAt, DateTime.UtcNow)
                .SetProperty(r => r.LastOutcome, ScheduleOutcomes.Failed).SetProperty(r => r.LastError, "The database did not answer within 30 s."))).Should().Be(1);
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);

        await page.OpenFromMenuAsync("menu-automation", "menu-scheduler", "**/admin/automation/scheduler");
        await Expect(page.GetByTestId("schedule-heartbeat")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("Scheduler, System tab, light");
        await Screenshots.SaveAsync(page, "automation-scheduler-system-light");
        await page.GetByTestId("tab-Cleanup").ClickAsync();
        var card = page.GetByTestId($"schedule-{RetentionCleanup.ModuleLogKey}");
        await Expect(card.GetByTestId("next-run")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\d \d\d:\d0:00 UTC$"));
        await Expect(page.GetByTestId($"schedule-{RetentionCleanup.TaskQueueKey}").GetByTestId("last-outcome")).ToHaveTextAsync("Succeeded");
        await Expect(page.GetByTestId($"schedule-{RetentionCleanup.SessionsKey}").GetByTestId("last-error")).ToHaveTextAsync("The database did not answer within 30 s.");
        await page.AssertAccessibleAsync("Scheduler, Cleanup tab, light");
        await Screenshots.SaveAsync(page, "automation-scheduler-cleanup-light");

        await card.GetByTestId("enabled").ClickAsync();
        await Expect(card.GetByTestId("next-run")).ToHaveTextAsync("—");
        await page.ReloadAsync();
        await page.GetByTestId("tab-Cleanup").ClickAsync();
        await Expect(card.GetByTestId("next-run")).ToHaveTextAsync("—", new() { Timeout = 15_000 });
        await card.GetByTestId("enabled").ClickAsync();
        await Expect(card.GetByTestId("next-run")).Not.ToHaveTextAsync("—");

        // A cron that is not one: the message stands next to the field and nothing changes.
        await card.GetByTestId("cron").FillAsync("61 * * * *");
        await card.GetByTestId("save").ClickAsync();
        await Expect(card.GetByTestId("error-Cron")).ToContainTextAsync("cron");
        await page.AssertAccessibleAsync("Scheduler, cron error, light");
        await Screenshots.SaveAsync(page, "automation-scheduler-cron-error-light");
        await card.GetByTestId("cron").FillAsync("*/15 * * * *");
        await card.GetByTestId("save").ClickAsync();
        await Expect(card.GetByTestId("error-Cron")).ToHaveCountAsync(0);
        await Expect(card.GetByTestId("next-run")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@":(00|15|30|45):00 UTC$"));

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.GetByTestId("tab-Cleanup").ClickAsync();
        await Expect(card.GetByTestId("next-run")).Not.ToHaveTextAsync("—");
        await page.AssertAccessibleAsync("Scheduler, Cleanup tab, dark");
        await Screenshots.SaveAsync(page, "automation-scheduler-cleanup-dark");
        await page.GetByTestId("tab-System").ClickAsync();
        await Expect(page.GetByTestId("schedule-heartbeat")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("Scheduler, System tab, dark");
        await Screenshots.SaveAsync(page, "automation-scheduler-system-dark");
    }

    [Fact]
    public async Task A_dragged_widget_keeps_its_place_after_reload_and_a_new_sign_in()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        var firstWidget = page.Locator("[data-widget]").First;
        await Expect(firstWidget).ToHaveAttributeAsync("data-widget", "billing");
        await Expect(page.GetByTestId("widget-staff-online")).ToContainTextAsync(PuqAppFactory.AdminEmail, new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(page, "dashboard-widgets-light");

        // Every widget above Staff online has loaded: one that filled in between the press and the release would
        // move the dragged head away from under the pointer.
        await Expect(page.Locator("[data-widget] [aria-busy='true']")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        // On a busy machine a drop is now and then lost between the browser's drag events (ci45: the order never changed):
        // the drag is made again, at most twice more, before the journey fails.
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId("slot-staff-online").Locator(".puq-widget-head").DragToAsync(page.GetByTestId("slot-billing"));
            try
            {
                await Expect(firstWidget).ToHaveAttributeAsync("data-widget", "staff-online", new() { Timeout = 5_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }

        await page.ReloadAsync();
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await Expect(firstWidget).ToHaveAttributeAsync("data-widget", "staff-online");

        // Switched off in the gear panel: gone, and still gone after reload.
        await page.GetByTestId("customize-dashboard").ClickAsync();
        await page.GetByTestId("toggle-tasks").ClickAsync();
        await Expect(page.GetByTestId("widget-tasks")).ToHaveCountAsync(0);
        await page.SettleAsync(); // the switch slides
        await Screenshots.SaveAsync(page, "dashboard-customize-light");
        await page.ReloadAsync();
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await Expect(page.GetByTestId("widget-heartbeat")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("widget-tasks")).ToHaveCountAsync(0);

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/admin/login**");
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await Expect(firstWidget).ToHaveAttributeAsync("data-widget", "staff-online");
        await Expect(page.GetByTestId("widget-tasks")).ToHaveCountAsync(0);

        await page.GetByTestId("customize-dashboard").ClickAsync();
        await page.GetByTestId("toggle-tasks").ClickAsync();
        await Expect(page.GetByTestId("widget-tasks")).ToBeVisibleAsync();
        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.GetByTestId("widget-automation")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "dashboard-widgets-dark");
    }
}
