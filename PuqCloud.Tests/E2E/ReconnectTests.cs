using Microsoft.Playwright;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>
/// .NET 10's reconnection: when the server restarts, an open console page shows the reconnection dialog, finds its
/// circuit gone, reloads by itself and works again, with the person still signed in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task An_open_console_page_comes_back_after_the_server_restarts()
    {
        await using var context = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await page.GotoAsync("/admin/settings/currencies");
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        var loads = 0;
        page.Load += (_, _) => Interlocked.Increment(ref loads);
        var states = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await page.ExposeFunctionAsync("puqReconnectState", (string state) => states.Enqueue(state));
        // Listens on every document the page loads, so that the states before a reload are not lost.
        await page.AddInitScriptAsync("""
            document.addEventListener('DOMContentLoaded', () =>
                document.getElementById('components-reconnect-modal')?.addEventListener('components-reconnect-state-changed',
                    e => window.puqReconnectState(String(e.detail?.state))));
            """);
        await page.ReloadAsync();
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        loads = 0;

        App = await App.RestartAsync();

        // The reconnection dialog was shown, then the rejected circuit made the page reload itself.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Volatile.Read(ref loads) == 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        states.Should().Contain("show");
        loads.Should().BeGreaterThan(0, "the page reloads when the restarted server no longer knows its circuit (states seen: {0})", string.Join(", ", states));
        await Expect(page.GetByTestId("signed-in-admin")).ToContainTextAsync(PuqAppFactory.AdminEmail, new() { Timeout = 30_000 });

        // The new circuit answers: the menu navigates.
        await page.OpenFromMenuAsync(null, "menu-dashboard", "**/admin");
        await Expect(page.GetByTestId("signed-in-admin")).ToContainTextAsync(PuqAppFactory.AdminEmail);
    }
}
