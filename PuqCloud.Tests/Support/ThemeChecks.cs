using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.Support;

/// <summary>Checking a page in both themes: switch the theme and come back to the same address, then check and photograph it.</summary>
public static class ThemeChecks
{
    /// <summary>Switches to <paramref name="theme"/> ("light" or "dark") through the preferences endpoint, returning to the page in view.</summary>
    public static async Task UseThemeAsync(this IPage page, string theme)
    {
        var here = new Uri(page.Url).PathAndQuery;
        await page.GotoAsync($"/preferences/theme?value={theme}&returnUrl={Uri.EscapeDataString(here)}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
    }

    /// <summary>axe-core's WCAG A/AA check of the page as it is now, and its screenshot under <paramref name="name"/>.</summary>
    public static async Task CheckAndSaveAsync(this IPage page, string name)
    {
        await page.AssertAccessibleAsync(name);
        await Screenshots.SaveAsync(page, name);
    }
}
