using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PuqCloud.Core.Live;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Server events reach open pages over their circuits, without reload; the shell switches theme and language.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveDashboardTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Two_tabs_see_each_heartbeat_without_reloading()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var first = await person.NewPageAsync();
        await first.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await first.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        var second = await person.NewPageAsync();
        await second.GotoAsync("/admin");
        await second.ExpectConsoleAsync(PuqAppFactory.AdminEmail);

        foreach (var page in new[] { first, second })
        {
            // A marker that a reload would wipe out.
            await page.EvaluateAsync("window.__notReloaded = true");
            var before = await page.GetByTestId("heartbeat-last").InnerTextAsync();
            // The heartbeat runs every second in the tests; its time must change on the open page.
            await Expect(page.GetByTestId("heartbeat-last")).Not.ToHaveTextAsync(before, new() { Timeout = 5_000 });
        }
        (await first.EvaluateAsync<bool>("window.__notReloaded === true")).Should().BeTrue();
        (await second.EvaluateAsync<bool>("window.__notReloaded === true")).Should().BeTrue();
        await first.AssertAccessibleAsync("Dashboard, light");
        await Screenshots.SaveAsync(first, "dashboard-light");
    }

    [Fact]
    public async Task Dark_theme_and_polish_shell_are_remembered()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        var lightBackground = await BodyBackgroundAsync(page);

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await Expect(page.GetByTestId("heartbeat-last")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("Dashboard, dark");
        await Screenshots.SaveAsync(page, "dashboard-dark");

        await page.GetByTestId("language-pl").ClickAsync();
        await Expect(page.GetByTestId("menu-dashboard")).ToContainTextAsync("Pulpit");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Pulpit");
        // A live refresh comes from a thread in another culture (here the test's, English): the page stays Polish.
        // The refresh must really happen (the heartbeat's time moves on the open page) and the refreshed widget still speaks Polish.
        await Expect(page.GetByTestId("widget-heartbeat")).ToContainTextAsync("Ostatni puls");
        var before = await page.GetByTestId("heartbeat-last").InnerTextAsync();
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("en");
        await App.Services.GetRequiredService<ILiveEvents>().PublishAsync(new LiveEvent(LiveTopics.Heartbeat));
        await Expect(page.GetByTestId("heartbeat-last")).Not.ToHaveTextAsync(before, new() { Timeout = 10_000 });
        await Expect(page.GetByTestId("widget-heartbeat")).ToContainTextAsync("Ostatni puls");
        await Expect(page.GetByTestId("widget-heartbeat")).Not.ToContainTextAsync("Last beat");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Pulpit");
        await Expect(page.GetByTestId("menu-dashboard")).ToContainTextAsync("Pulpit");
        await Screenshots.SaveAsync(page, "dashboard-dark-pl");

        await page.GotoAsync("/admin/account/security");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Logowanie dwuskładnikowe");
        await page.GetByTestId("begin-two-factor").ClickAsync();
        await Expect(page.GetByTestId("totp-key")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "two-factor-setup-dark-pl");

        // The theme switches where the page stands: the key being set up and a half-typed code stay, and the whole page
        // (MudBlazor's palette as well as the console's own styles) looks as a page loaded in light does.
        var key = await page.GetByTestId("totp-key").InnerTextAsync();
        await page.GetByTestId("confirm-code").FillAsync("12");
        var darkBackground = await BodyBackgroundAsync(page);
        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        await Expect(page.GetByTestId("totp-key")).ToHaveTextAsync(key);
        await Expect(page.GetByTestId("confirm-code")).ToHaveValueAsync("12");
        // The attribute is set at once; the palette follows over the circuit, until the page looks as one loaded in light.
        await BodyBackgroundAsync(page, until: (lightBackground, true));
        await page.AssertAccessibleAsync("Two-factor setup, switched to light on the open page");
        await page.ReloadAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Logowanie dwuskładnikowe");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        (await BodyBackgroundAsync(page)).Should().Be(lightBackground, "a page loaded in light looks as the switched one did");
        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await BodyBackgroundAsync(page, until: (darkBackground, true));

        await page.GetByTestId("language-en").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Two-factor sign-in");
        await page.GotoAsync("/admin/account/api-tokens");
        await Expect(page.Locator("h1")).ToHaveTextAsync("API tokens");
        await Screenshots.SaveAsync(page, "api-tokens-dark");
        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
    }

    private const string Background = "getComputedStyle(document.body).backgroundColor + ' / ' + getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-surface')";

    /// <summary>
    /// The page's background and MudBlazor's surface colour (set by its theme provider): what a theme changes. With
    /// <paramref name="until"/>, once it is (or is no longer) the given value: a switch repaints over the circuit.
    /// </summary>
    private static async Task<string> BodyBackgroundAsync(IPage page, (string Value, bool Equal)? until = null)
    {
        if (until is var (value, equal))
            await page.WaitForFunctionAsync($"([value, equal]) => ({Background} === value) === equal", new object[] { value, equal });
        return await page.EvaluateAsync<string>($"() => {Background}");
    }

    [Fact]
    public async Task On_a_phone_the_widgets_stack_in_one_column()
    {
        await using var person = await Browser.NewPhonePersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await Expect(page.GetByTestId("heartbeat-last")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var system = await page.GetByTestId("slot-system").BoundingBoxAsync();
        var heartbeat = await page.GetByTestId("slot-heartbeat").BoundingBoxAsync();
        heartbeat!.Y.Should().BeGreaterThan(system!.Y + system.Height - 1, "the heartbeat comes below the system widget, not beside it");
        await page.GetByTestId("widget-heartbeat").AssertWithinScreenAsync("The heartbeat widget");
        await page.AssertAccessibleAsync("Dashboard at 390 px, light");
        await Screenshots.SaveAsync(page, "dashboard-390-light");
        await page.GotoAsync("/preferences/theme?value=dark&returnUrl=" + Uri.EscapeDataString("/admin"));
        await Expect(page.GetByTestId("heartbeat-last")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.AssertAccessibleAsync("Dashboard at 390 px, dark");
        await Screenshots.SaveAsync(page, "dashboard-390-dark");
    }
}
