using Microsoft.Playwright;

namespace PuqCloud.Tests.Support;

/// <summary>Checking a page in both themes: switch the theme and come back to the same address, then check and photograph it.</summary>
public static class ThemeChecks
{
    /// <summary>Switches to <paramref name="theme"/> ("light" or "dark") through the preferences endpoint, returning to the page in view.</summary>
    public static Task UseThemeAsync(this IPage page, string theme) =>
        page.GotoInThemeAsync(new Uri(page.Url).PathAndQuery, dark: theme == "dark");

    /// <summary>axe-core's WCAG A/AA check of the page as it is now, and its screenshot under <paramref name="name"/>.</summary>
    public static async Task CheckAndSaveAsync(this IPage page, string name)
    {
        await page.AssertAccessibleAsync(name);
        await Screenshots.SaveAsync(page, name);
    }
}
