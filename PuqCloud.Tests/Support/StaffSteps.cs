using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.Support;

/// <summary>Steps of the staff, account and clients journeys on MudBlazor pages.</summary>
public static class StaffSteps
{
    /// <summary>Opens <paramref name="path"/> in the dark (true) or light theme: the preference is a cookie the server reads.</summary>
    public static async Task GotoInThemeAsync(this IPage page, string path, bool dark)
    {
        await page.GotoAsync($"/preferences/theme?value={(dark ? "dark" : "light")}&returnUrl={Uri.EscapeDataString(path)}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", dark ? "dark" : "light");
    }

    /// <summary>Ticks <paramref name="items"/> in a multi-select MudSelect and closes its list.</summary>
    public static async Task ChooseManyAsync(this IPage page, string testId, params string[] items)
    {
        await page.GetByTestId(testId).ClickAsync();
        var popup = page.Locator(".mud-popover-open").Last;
        foreach (var item in items)
            await popup.Locator(".mud-list-item", new() { HasText = item }).First.ClickAsync();
        // A multi-select stays open while ticking; a click on its overlay (over the top-left corner) closes it.
        await page.Mouse.ClickAsync(4, 4);
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        foreach (var item in items)
            await Expect(page.GetByTestId(testId)).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(item)));
    }

    /// <summary>A screenshot of the page from its top, once its animations have finished.</summary>
    public static async Task SnapAsync(this IPage page, string name)
    {
        await page.SettleAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Screenshots.SaveAsync(page, name);
    }
}
