using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.Support;

/// <summary>Checking a page in both themes: switch the open page's theme, then check and photograph it.</summary>
public static class ThemeChecks
{
    /// <summary>Switches the open page to <paramref name="theme"/> ("light" or "dark") with its theme switch, as a person does: the page stays as it is.</summary>
    public static async Task UseThemeAsync(this IPage page, string theme)
    {
        if (await page.Locator("html").GetAttributeAsync("data-theme") != theme)
            await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
    }

    /// <summary>axe-core's WCAG A/AA check of the page as it is now, and its screenshot under <paramref name="name"/>.</summary>
    public static async Task CheckAndSaveAsync(this IPage page, string name)
    {
        await page.AssertAccessibleAsync(name);
        await Screenshots.SaveAsync(page, name);
    }
}
