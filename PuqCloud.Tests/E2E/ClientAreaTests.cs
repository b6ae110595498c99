using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

[Collection(CatalogBrowserCollection.Name)]
public sealed class ClientAreaTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_client_user_signs_in_to_the_client_area_and_not_to_the_console()
    {
        await App.AddClientUserAsync("clara@example.test", "Client-area-2026", "Clara", "Oswald");
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();

        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/login?returnUrl=%2F");
        await page.AssertAccessibleAsync("Client sign-in, light");
        await page.FillAsync("#email", "clara@example.test");
        await page.FillAsync("#password", "wrong-password-1");
        await page.ClickAsync("[data-testid=sign-in]");
        await Expect(page.GetByTestId("form-message")).ToContainTextAsync("not right");
        await page.AssertAccessibleAsync("Client sign-in with an error, light");
        await Screenshots.SaveAsync(page, "client-login-error-light");

        await page.FillAsync("#password", "Client-area-2026");
        await page.ClickAsync("[data-testid=sign-in]");
        await Expect(page.GetByTestId("signed-in-client")).ToContainTextAsync("Clara Oswald", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("client-home")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("Client home, light");
        await Screenshots.SaveAsync(page, "client-home-light");

        // A client login is not a staff login.
        await page.GotoAsync("/admin");
        await page.WaitForURLAsync("**/admin/login**");

        await page.GotoAsync("/");
        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.GetByTestId("signed-in-client")).ToContainTextAsync("Clara Oswald");
        await Expect(page.GetByTestId("client-home")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("Client home, dark");
        await Screenshots.SaveAsync(page, "client-home-dark");

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/login");
        await page.AssertAccessibleAsync("Client sign-in, dark");
        await Screenshots.SaveAsync(page, "client-login-dark");
    }

    [Fact]
    public async Task On_a_phone_the_client_area_fits_the_screen_and_sign_out_is_reachable()
    {
        await App.AddClientUserAsync("phoebe@example.test", "Client-area-2026", "Phoebe", "Phone");
        await using var person = await Browser.NewPhonePersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();

        await page.GotoAsync("/login");
        await page.AssertFitsTheScreenAsync("The client sign-in page");
        await Screenshots.SaveAsync(page, "client-login-390-light");
        await page.FillAsync("#email", "phoebe@example.test");
        await page.FillAsync("#password", "Client-area-2026");
        await page.ClickAsync("[data-testid=sign-in]");
        await Expect(page.GetByTestId("client-home")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByTestId("user-menu-toggle").ClickAsync();
        await page.GetByTestId("user-menu-sign-out").AssertWithinScreenAsync("Sign out");
        await page.Keyboard.PressAsync("Escape");
        await page.AssertFitsTheScreenAsync("The client home");
        await page.AssertAccessibleAsync("Client home at 390 px, light");
        await Screenshots.SaveAsync(page, "client-home-390-light");

        await page.GotoAsync("/preferences/theme?value=dark&returnUrl=" + Uri.EscapeDataString("/"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.GetByTestId("client-home")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.AssertFitsTheScreenAsync("The client home, dark");
        await Screenshots.SaveAsync(page, "client-home-390-dark");

        await page.GetByTestId("user-menu-toggle").ClickAsync();
        await page.GetByTestId("user-menu-sign-out").ClickAsync();
        await page.WaitForURLAsync("**/login");
    }
}
