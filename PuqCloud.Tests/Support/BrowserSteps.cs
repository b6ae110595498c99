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
}
