using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.Support;

/// <summary>What a person does in the browser again and again.</summary>
public static class BrowserSteps
{
    public static async Task SignInAsStaffAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/admin/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
    }

    /// <summary>The console is up when the header shows who is signed in (rendered over the circuit).</summary>
    public static Task ExpectConsoleAsync(this IPage page, string nameOrEmail) =>
        Expect(page.GetByTestId("signed-in-admin")).ToContainTextAsync(nameOrEmail, new() { Timeout = 15_000 });

    /// <summary>
    /// Opens a page from the sidebar: expands its section when asked, then follows the item. On a busy machine the
    /// first click can land while the section is still unfolding, so a click that led nowhere is made once more.
    /// </summary>
    public static async Task OpenFromMenuAsync(this IPage page, string? section, string item, string url)
    {
        if (section is not null && !await page.GetByTestId(item).IsVisibleAsync())
            await page.GetByTestId(section).ClickAsync();
        await page.GetByTestId(item).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            await page.GetByTestId(item).ClickAsync();
            await page.WaitForURLAsync(url);
        }
    }

    /// <summary>Lets a dialog's opening animation finish, so that a screenshot shows it as a person sees it.</summary>
    public static Task SettleAsync(this IPage page) => page.WaitForTimeoutAsync(700);

    /// <summary>Opens a Radzen drop-down, filters it and picks an item.</summary>
    public static async Task ChooseAsync(this IPage page, string testId, string filter, string item)
    {
        await page.GetByTestId(testId).ClickAsync();
        var popup = page.Locator(".rz-dropdown-panel:visible, .rz-popup:visible").Last;
        await popup.Locator("input").First.FillAsync(filter);
        await popup.Locator(".rz-dropdown-item", new() { HasText = item }).First.ClickAsync();
        await Expect(page.GetByTestId(testId)).ToContainTextAsync(item);
    }

    /// <summary>Opens a Radzen drop-down without a filter and picks an item.</summary>
    public static async Task PickAsync(this IPage page, string testId, string item)
    {
        await page.GetByTestId(testId).ClickAsync();
        var popup = page.Locator(".rz-dropdown-panel:visible, .rz-popup:visible").Last;
        await popup.Locator(".rz-dropdown-item", new() { HasText = item }).First.ClickAsync();
        await Expect(page.GetByTestId(testId)).ToContainTextAsync(item);
    }
}
