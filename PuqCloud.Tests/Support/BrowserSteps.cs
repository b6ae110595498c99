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

    /// <summary>A page of its own in <paramref name="context"/> whose body is <paramref name="body"/> (a test of the steps themselves).</summary>
    public static async Task<IPage> PageWithBodyAsync(this IBrowserContext context, string body)
    {
        var page = await context.NewPageAsync();
        await page.SetContentAsync($"""<!doctype html><html lang="en"><head><title>Check</title></head>{body}</html>""");
        return page;
    }

    /// <summary>
    /// Waits for the address a save leads to (a new record's page, say). When it does not come, the failure says where the
    /// page stayed, what its main part showed (a refusal, a field error) and what the browser's console said last, since
    /// the page is closed by the time anyone reads the test's output.
    /// </summary>
    public static async Task WaitForAddressAsync(this IPage page, System.Text.RegularExpressions.Regex address, float? timeout = null)
    {
        try
        {
            // The address is what is waited for: the console navigates within the document, so a "load" may never come
            // (under load a wait for it once outlasted its 30 s while the address had long been the right one).
            await page.WaitForURLAsync(address, new() { Timeout = timeout, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException ex)
        {
            string shown;
            try
            {
                shown = await page.Locator("main").First.InnerTextAsync(new() { Timeout = 5_000 });
            }
            catch (Exception unreadable) when (unreadable is PlaywrightException or TimeoutException)
            {
                shown = "(no main part to read)";
            }
            var console = BrowserConsole.Recent(page.Context);
            throw new TimeoutException(
                $"The address stayed {page.Url}, not /{address}/. The page showed:\n{(shown.Length > 1500 ? shown[..1500] + "…" : shown)}\n" +
                $"The browser's console said last:\n{(console.Count == 0 ? "(nothing)" : string.Join("\n", console))}", ex);
        }
    }

    /// <summary>The password <see cref="FillSignUpAsync"/> signs up with.</summary>
    public const string SignUpPassword = "Sign-me-up-2026";

    /// <summary>The client area's sign-up form, filled in for Nina Nowak of Nowak Hosting in Gdańsk (not sent); <paramref name="currency"/> picks the currency by its code.</summary>
    public static async Task FillSignUpAsync(this IPage page, string email, string? currency = null)
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", SignUpPassword);
        await page.FillAsync("#confirm-password", SignUpPassword);
        await page.FillAsync("#first-name", "Nina");
        await page.FillAsync("#last-name", "Nowak");
        await page.FillAsync("#company", "Nowak Hosting");
        await page.FillAsync("#tax-id", "PL5840000000");
        await page.FillAsync("#phone", "+48 58 123 45 67");
        await page.FillAsync("#address1", "ul. Długa 10");
        await page.FillAsync("#city", "Gdańsk");
        await page.FillAsync("#postcode", "80-827");
        await page.SelectOptionAsync("#country", "PL");
        // The regions of the chosen country arrive from the server.
        await Expect(page.Locator("#region option[value='PL-22']")).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#region", "PL-22");
        if (currency is not null) await page.SelectOptionAsync("#currency", new SelectOptionValue { Label = currency });
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
        {
            await page.GetByTestId(section).ClickAsync();
            try
            {
                await page.GetByTestId(item).WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // Clicked on the page the server drew before its circuit was ready, the section stayed closed: click it again.
                await page.GetByTestId(section).ClickAsync();
            }
        }
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

    /// <summary>
    /// Waits until the page's animations have finished (a dialog fading in, a tab sliding; endless ones such as a
    /// live dot's pulse are left out), so that a screenshot or a contrast check sees what a person sees.
    /// </summary>
    public static Task SettleAsync(this IPage page) =>
        page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");

    /// <summary>
    /// Picks an item of a drop-down: a MudSelect (the test id sits on its input) or a MudAutocomplete (typing
    /// <paramref name="filter"/> into it first).
    /// </summary>
    public static async Task ChooseAsync(this IPage page, string testId, string item, string? filter = null)
    {
        var field = page.GetByTestId(testId);
        if (filter is not null) await field.FillAsync(filter);
        else await field.ClickAsync();
        var open = page.Locator(".mud-popover-open .mud-list-item");
        var choice = page.Locator(".mud-popover-open").Last.Locator(".mud-list-item", new() { HasText = item }).First;
        try
        {
            await choice.ClickAsync(new() { Timeout = filter is null ? null : 10_000 });
        }
        catch (TimeoutException) when (filter is not null)
        {
            // The list searched before its items had loaded (a region list follows the country chosen just before, and a
            // busy machine loads it late): type the filter again, as a person would, so that it searches anew.
            await field.FillAsync("");
            await field.FillAsync(filter);
            await choice.ClickAsync();
        }
        try
        {
            await Expect(open).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        }
        catch (PlaywrightException) when (filter is not null)
        {
            // The filtered list was rendered anew under the click (the typed filter arriving late on a busy machine): pick again.
            await page.Locator(".mud-popover-open").Last.Locator(".mud-list-item", new() { HasText = item }).First.ClickAsync();
            await Expect(open).ToHaveCountAsync(0);
        }
        await Expect(field).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(item)));
    }

    /// <summary>
    /// Chooses a file in a Blazor InputFile once Blazor has taken the field over (its script marks the element): a file
    /// chosen before that goes unnoticed, which on a busy machine happened right after a tab was opened.
    /// </summary>
    public static async Task ChooseFileAsync(this ILocator input, FilePayload file)
    {
        await input.Page.WaitForFunctionAsync("e => e._blazorInputFileNextFileId !== undefined", await input.ElementHandleAsync());
        await input.SetInputFilesAsync(file);
    }

    /// <summary>The text box of a field: MudBlazor puts the test id on the input itself; some fields carry it on a wrapper.</summary>
    public static ILocator NumericInput(this IPage page, string testId) => page.Locator($"[data-testid='{testId}'] input, input[data-testid='{testId}']").First;

    /// <summary>The open MudBlazor dialog (the last one, when dialogs stack).</summary>
    public static ILocator Dialog(this IPage page) => page.Locator(".mud-dialog").Last;

    /// <summary>A tab of a MudTabs by its visible title.</summary>
    public static ILocator Tab(this IPage page, string title) => page.Locator(".mud-tab", new() { HasText = title }).First;

    /// <summary>The snackbar toast that says <paramref name="text"/>.</summary>
    public static ILocator Toast(this IPage page, string text) => page.Locator(".mud-snackbar", new() { HasText = text }).First;

    /// <summary>
    /// Waits until the element and everything inside it has finished its CSS animations and transitions (a dialog
    /// opening, a switch sliding; endless ones such as a live dot's pulse are left out), so that a screenshot shows it at
    /// rest: a condition instead of a fixed pause.
    /// </summary>
    public static Task WaitForAnimationsAsync(this ILocator locator) =>
        locator.EvaluateAsync("e => Promise.all(e.getAnimations({ subtree: true })" +
            ".filter(a => a.effect?.getComputedTiming().iterations !== Infinity).map(a => a.finished))");
}
