using Microsoft.Playwright;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>
/// The client area's shell and live pages: at 390 px one bar with the menu behind a button and the person's things behind
/// their avatar; on a desktop the row of links; and the client's open pages following money that lands, without a reload.
/// </summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class ClientShellTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task On_a_phone_the_menu_is_behind_a_button_and_the_user_menu_signs_out()
    {
        await App.SendAsSystemAsync(new CreateHomeCompany("Puq Hosting Europe"));
        var owner = await App.SignUpAsync(company: "Narrow Screens Sp. z o.o.");
        await using var person = await Browser.NewPhonePersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await SignInAsync(page, owner.Email);

        foreach (var theme in new[] { "light", "dark" })
        {
            // One row: the menu button, the company's name, the person's menu, all on the screen; the desktop's links are away.
            var bar = await page.Locator(".puq-client-appbar").BoundingBoxAsync();
            bar!.Height.Should().BeLessThanOrEqualTo(65, "the bar holds one row at 390 px");
            await page.GetByTestId("client-menu-toggle").AssertWithinScreenAsync("The menu button");
            await page.GetByTestId("client-brand").AssertWithinScreenAsync("The company");
            await Expect(page.GetByTestId("client-brand")).ToContainTextAsync("Puq Hosting Europe");
            await Expect(page.GetByTestId("client-brand").Locator(".puq-brand-text")).ToBeVisibleAsync();
            await page.GetByTestId("user-menu-toggle").AssertWithinScreenAsync("The user menu");
            await Expect(page.GetByTestId("client-menu-toggle")).ToHaveAttributeAsync("aria-label", "Menu");
            await Expect(page.GetByTestId("nav-invoices")).ToBeHiddenAsync();
            await Expect(page.GetByTestId("sign-out")).ToBeHiddenAsync();
            await page.AssertFitsTheScreenAsync($"The client home, {theme}");
            await page.AssertAccessibleAsync($"Client home with the menu closed at 390 px, {theme}");
            await Screenshots.SaveAsync(page, $"client-shell-390-{theme}");

            // The drawer: every link of the menu, inside the screen; a link leads to its page and closes the drawer.
            await page.GetByTestId("client-menu-toggle").ClickAsync();
            await Expect(page.GetByTestId("client-menu-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(page.GetByTestId("drawer-nav-invoices")).ToBeVisibleAsync();
            // The drawer slides in; measure it once it is in place.
            await page.WaitForFunctionAsync("() => { const d = document.querySelector('.puq-client-drawer'); return d && d.getBoundingClientRect().left >= 0; }");
            foreach (var link in new[] { "drawer-nav-home", "drawer-nav-services", "drawer-nav-invoices", "drawer-nav-transactions", "drawer-nav-account" })
                await page.GetByTestId(link).AssertWithinScreenAsync(link);
            await Expect(page.GetByTestId("drawer-current-client")).ToHaveTextAsync("Narrow Screens Sp. z o.o.");
            await page.AssertAccessibleAsync($"Client menu drawer at 390 px, {theme}");
            await Screenshots.SaveAsync(page, $"client-drawer-390-{theme}");
            await page.GetByTestId("drawer-nav-invoices").ClickAsync();
            await page.WaitForURLAsync("**/invoices");
            await Expect(page.GetByTestId("invoices-empty")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("drawer-nav-invoices")).ToHaveCountAsync(0);

            // The person's menu: who is signed in, their account, the languages, the theme and signing out, inside the screen.
            await page.GetByTestId("user-menu-toggle").ClickAsync();
            await Expect(page.GetByTestId("user-menu-me")).ToContainTextAsync(owner.Email);
            foreach (var item in new[] { "user-menu-account", "user-menu-language-pl", "user-menu-theme", "user-menu-sign-out" })
                await page.GetByTestId(item).AssertWithinScreenAsync(item);
            await page.AssertAccessibleAsync($"Client user menu at 390 px, {theme}");
            await Screenshots.SaveAsync(page, $"client-user-menu-390-{theme}");
            if (theme == "light")
            {
                await page.GetByTestId("user-menu-theme").ClickAsync();
                await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark", new() { Timeout = 15_000 });
                await Expect(page.GetByTestId("invoices-empty")).ToBeVisibleAsync(new() { Timeout = 15_000 });
                await page.GotoAsync("/");
                await Expect(page.GetByTestId("client-home")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            }
        }

        await page.GetByTestId("user-menu-sign-out").ClickAsync();
        await page.WaitForURLAsync("**/login");
    }

    [Fact]
    public async Task On_a_desktop_the_links_are_a_row_and_the_bar_is_as_before()
    {
        await App.SendAsSystemAsync(new CreateHomeCompany("Puq Hosting Europe"));
        var owner = await App.SignUpAsync(company: "Wide Screens Sp. z o.o.");
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await SignInAsync(page, owner.Email);

        foreach (var theme in new[] { "light", "dark" })
        {
            if (theme == "dark") await page.UseThemeAsync("dark");
            await Expect(page.GetByTestId("dashboard")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("client-menu-toggle")).ToBeHiddenAsync();
            await Expect(page.GetByTestId("user-menu-toggle")).ToBeHiddenAsync();
            await Expect(page.GetByTestId("nav-invoices")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("theme-switch")).ToBeVisibleAsync();
            var bar = await page.Locator(".puq-client-appbar").BoundingBoxAsync();
            bar!.Height.Should().BeLessThanOrEqualTo(65, "the bar holds one row on a desktop");
            await page.AssertAccessibleAsync($"Client home on a desktop, {theme}");
            await Screenshots.SaveAsync(page, $"client-shell-desktop-{theme}");
        }
    }

    [Fact]
    public async Task The_clients_open_pages_follow_its_money_and_not_another_clients()
    {
        await App.SendAsSystemAsync(new CreateHomeCompany("Puq Hosting Europe"));
        var owner = await App.SignUpAsync(company: "Live Money Sp. z o.o.");
        var other = await App.SignUpAsync(company: "Somebody Else Ltd");
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await SignInAsync(page, owner.Email);

        // The dashboard: another client's top-up leaves it as it is; this client's shows without a reload.
        await Expect(page.GetByTestId("dashboard-balance")).ToHaveTextAsync("$0.00", new() { Timeout = 15_000 });
        await MarkThePageAsync(page);
        await App.SendAsSystemAsync(new AddClientAdjustment(other.ClientId, 7m, "Not yours"));
        await page.WaitForTimeoutAsync(1_000);
        await Expect(page.GetByTestId("dashboard-balance")).ToHaveTextAsync("$0.00");
        await App.SendAsSystemAsync(new AddClientAdjustment(owner.ClientId, 12.5m, "Goodwill credit"));
        await Expect(page.GetByTestId("dashboard-balance")).ToHaveTextAsync("$12.50", new() { Timeout = 15_000 });
        await ExpectNotReloadedAsync(page);

        // Transactions: the new row and the balance after it.
        await page.GetByTestId("nav-transactions").ClickAsync();
        await Expect(page.GetByTestId("transaction-description").First).ToContainTextAsync("Goodwill credit", new() { Timeout = 15_000 });
        await MarkThePageAsync(page);
        await App.SendAsSystemAsync(new AddClientAdjustment(other.ClientId, 3m, "Still not yours"));
        await App.SendAsSystemAsync(new AddClientAdjustment(owner.ClientId, 4m, "Second credit"));
        await Expect(page.GetByTestId("transaction-description").First).ToContainTextAsync("Second credit", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("transaction-description")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("transactions-list")).ToContainTextAsync("$16.50");
        await ExpectNotReloadedAsync(page);

        // Invoices: a proforma staff issue for the client appears in its list.
        await page.GetByTestId("nav-invoices").ClickAsync();
        await Expect(page.GetByTestId("invoices-empty")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await MarkThePageAsync(page);
        await App.SendAsSystemAsync(new AddFunds(other.ClientId, 20m));
        await App.SendAsSystemAsync(new AddFunds(owner.ClientId, 25m));
        await Expect(page.GetByTestId("invoice-number")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("invoice-status")).ToHaveTextAsync("Unpaid");
        await ExpectNotReloadedAsync(page);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", ClientAreaSession.Password);
        await page.ClickAsync("[data-testid=sign-in]");
        await Expect(page.GetByTestId("client-home")).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    /// <summary>A mark a reload would wipe out.</summary>
    private static Task MarkThePageAsync(IPage page) => page.EvaluateAsync("() => { window.puqNotReloaded = true; }");

    private static async Task ExpectNotReloadedAsync(IPage page) =>
        (await page.EvaluateAsync<bool>("() => window.puqNotReloaded === true")).Should().BeTrue("the page refreshed itself, without a reload");
}
