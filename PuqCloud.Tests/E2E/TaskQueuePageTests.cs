using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Modules.Abstractions;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Monitoring → Task Queue: a task's status changes on the open page without reload; details show input, output and error.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TaskQueuePageTests(BrowserFixture browser) : BrowserTest(browser, services: TestTaskHandlers.Register(SharedProbe))
{
    private static readonly TaskProbe SharedProbe = new();

    [Fact]
    public async Task A_task_goes_from_queued_to_processing_to_completed_on_the_open_page()
    {
        var queue = App.Services.GetRequiredService<ITaskQueue>();
        // Something to look at: finished, failed and duplicate tasks of two queues.
        for (var i = 1; i <= 3; i++)
            await queue.EnqueueAsync(new TaskRequest("system", TestTaskHandlers.Count, $"{{\"invoice\":{1000 + i}}}", Tags: [$"invoice:{1000 + i}", "billing"]));
        var failed = await queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Fail, "{\"service\":\"vps-17\"}", MaxTries: 1, Tags: ["service:vps-17"]));
        await App.WaitForAsync(failed, null, QueuedTaskStatus.Failed);

        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await page.GetByTestId("menu-monitoring").ClickAsync();
        await page.GetByTestId("menu-tasks").ClickAsync();
        await page.WaitForURLAsync("**/admin/monitoring/tasks");
        var grid = page.GetByTestId("tasks-grid");
        await Expect(grid).ToContainTextAsync("service:vps-17");
        // A marker that a reload would wipe out.
        await page.EvaluateAsync("window.__notReloaded = true");

        // Occupy the node's four workers so that the watched task has to wait in the queue first.
        var blockers = new List<Guid>();
        for (var i = 0; i < 4; i++)
            blockers.Add(await queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Sleep, "{\"ms\":3000}", Tags: ["blocker"])));
        foreach (var blocker in blockers) await App.WaitForAsync(blocker, null, QueuedTaskStatus.Processing, QueuedTaskStatus.Completed);
        var watched = await queue.EnqueueAsync(new TaskRequest("default", TestTaskHandlers.Sleep, "{\"ms\":2500}", Tags: ["watched"]));

        var row = grid.Locator("tr", new() { HasText = "watched" });
        var status = row.GetByTestId("task-status");
        await Expect(status).ToHaveAttributeAsync("data-status", "Queued");
        await Expect(status).ToHaveAttributeAsync("data-status", "Processing");
        await Expect(status).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(row.GetByTestId("task-tries")).ToHaveTextAsync("1/3");
        (await page.EvaluateAsync<bool>("window.__notReloaded === true")).Should().BeTrue("the status changed without a reload");
        (await App.WaitForAsync(watched, null, QueuedTaskStatus.Completed)).Tries.Should().Be(1);
        foreach (var blocker in blockers) await App.WaitForAsync(blocker, null, QueuedTaskStatus.Completed);
        await Expect(grid.Locator("[data-status=Processing]")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("Task queue, light");
        await Screenshots.SaveAsync(page, "monitoring-task-queue-light");

        await row.GetByTestId("task-details").ClickAsync();
        var dialog = page.GetByTestId("task-dialog");
        await Expect(dialog.GetByTestId("task-input")).ToContainTextAsync("\"ms\": 2500");
        await Expect(dialog.GetByTestId("task-output")).ToContainTextAsync("\"slept\": 2500");
        await BrowserSteps.Dialog(page).WaitForAnimationsAsync();
        await page.AssertAccessibleAsync("Task details, light");
        await Screenshots.SaveAsync(page, "monitoring-task-queue-detail-light");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).Not.ToBeVisibleAsync();

        // Filters: status, then search by tag.
        await page.GetByTestId("search").FillAsync("vps-17");
        await Expect(grid.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(1);
        await Expect(grid).ToContainTextAsync(TestTaskHandlers.Fail);

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.GetByTestId("search").FillAsync("");
        await Expect(grid).ToContainTextAsync("invoice:1001");
        await page.AssertAccessibleAsync("Task queue, dark");
        await Screenshots.SaveAsync(page, "monitoring-task-queue-dark");
        await grid.Locator("tr", new() { HasText = "service:vps-17" }).GetByTestId("task-details").ClickAsync();
        await Expect(dialog.GetByTestId("task-error")).ToContainTextAsync("The test handler always fails.");
        await BrowserSteps.Dialog(page).WaitForAnimationsAsync();
        await page.AssertAccessibleAsync("Task details, dark");
        await Screenshots.SaveAsync(page, "monitoring-task-queue-detail-dark");
    }
}
