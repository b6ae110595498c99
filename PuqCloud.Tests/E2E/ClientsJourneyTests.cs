using Microsoft.Playwright;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Staff create a client with its owner, find it in the grid, and open the client area as its owner.</summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class ClientsJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Create_a_client_with_its_owner_find_it_and_sign_in_as_the_client()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);

        await page.OpenFromMenuAsync("menu-clients-area", "menu-clients", "**/admin/clients");
        await page.GetByTestId("create-client").ClickAsync();
        await page.WaitForURLAsync("**/admin/clients/new");
        await Expect(page.GetByTestId("country")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("New client, light");

        // An existing user as the owner: the picker searches the users list and says when nobody matches.
        await page.GetByTestId("owner-existing").CheckAsync();
        await page.GetByTestId("existing-user").FillAsync("nobody-like-this");
        await Expect(page.Locator(".mud-popover-open")).ToContainTextAsync("No user matches");
        await page.Keyboard.PressAsync("Escape");
        await page.AssertAccessibleAsync("New client with an existing owner, light");
        await page.GetByTestId("owner-new").CheckAsync();
        await Expect(page.GetByTestId("owner-email")).ToBeVisibleAsync();

        // Saving an empty form shows what is missing, next to each field.
        await page.GetByTestId("save-client").ClickAsync();
        await Expect(page.GetByTestId("error-Email")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-Address1")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("New client with errors, light");
        await Screenshots.SaveAsync(page, "client-new-errors-light");

        await page.GetByTestId("owner-email").FillAsync("nora@example.test");
        await page.GetByTestId("owner-password").FillAsync("Cloud-owner-2026");
        await page.GetByTestId("first-name").FillAsync("Nora");
        await page.GetByTestId("last-name").FillAsync("Nowak");
        await page.GetByTestId("company").FillAsync("Nowak Cloud Sp. z o.o.");
        await page.GetByTestId("tax-id").FillAsync("PL5250001009");
        await page.GetByTestId("phone").FillAsync("+48 601 234 567");
        await page.GetByTestId("address1").FillAsync("Marszałkowska 10");
        await page.GetByTestId("city").FillAsync("Warszawa");
        await page.GetByTestId("postcode").FillAsync("00-590");
        await page.ChooseAsync("country", "Poland", filter: "Pola");
        await page.ChooseAsync("region", "Mazowieckie", filter: "Mazow");
        await page.GetByTestId("save-client").ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/clients/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("page-title")).ToHaveTextAsync("Nowak Cloud Sp. z o.o.");
        await Expect(page.GetByTestId("client-balance")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("Client summary, light");
        await Screenshots.SaveAsync(page, "client-summary-light");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Users" }).ClickAsync();
        await Expect(page.GetByTestId("member-grid")).ToContainTextAsync("nora@example.test");
        await page.AssertAccessibleAsync("Client users, light");
        await Screenshots.SaveAsync(page, "client-users-light");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Profile" }).ClickAsync();
        await Expect(page.GetByTestId("address-grid")).ToContainTextAsync("Marszałkowska 10");
        await page.AssertAccessibleAsync("Client profile, light");
        await Screenshots.SaveAsync(page, "client-profile-light");

        // The grid finds the client by its owner's e-mail.
        await page.GetByTestId("menu-clients").ClickAsync();
        await page.WaitForURLAsync("**/admin/clients");
        await page.GetByTestId("search").FillAsync("nora@example");
        await Expect(page.GetByTestId("client-grid")).ToContainTextAsync("Nowak Cloud Sp. z o.o.");
        await Expect(page.GetByTestId("client-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync("Clients, light");
        await Screenshots.SaveAsync(page, "clients-light");

        // Sign in as the client: the client area opens as its owner, with a way back.
        await page.GetByTestId("client-grid").GetByText("Nowak Cloud Sp. z o.o.").ClickAsync();
        await page.GetByTestId("sign-in-as-client").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(page.GetByTestId("impersonation-banner")).ToContainTextAsync("Super Admin");
        await Expect(page.GetByTestId("signed-in-client")).ToContainTextAsync("Nora Nowak");
        await Screenshots.SaveAsync(page, "client-area-as-staff-light");
        // Its ways in are the client's: the people and the password are shown, their controls disabled, and the pages say why.
        await page.GotoAsync("/users");
        await Expect(page.GetByTestId("staff-session-notice")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("invite")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, "client-users-as-staff-light");
        await page.GotoAsync("/account");
        await Expect(page.GetByTestId("change-password")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("begin-two-factor")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, "client-account-as-staff-light");
        await page.GetByTestId("return-to-console").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/clients/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("page-title")).ToHaveTextAsync("Nowak Cloud Sp. z o.o.");

        // Users, light: the list and the dialog of a user's clients.
        var clientPath = new Uri(page.Url).AbsolutePath;
        await page.GotoAsync("/admin/users");
        await Expect(page.GetByTestId("user-grid")).ToContainTextAsync("nora@example.test");
        await page.AssertAccessibleAsync("Users, light");
        await Screenshots.SaveAsync(page, "users-light");
        await page.GetByTestId("show-clients").First.ClickAsync();
        await Expect(page.GetByTestId("user-clients-dialog")).ToContainTextAsync("Nowak Cloud Sp. z o.o.");
        await page.SettleAsync();
        await page.AssertAccessibleAsync("User's clients dialog, light", within: ".mud-dialog");
        await BrowserSteps.Dialog(page).Locator(".mud-dialog-actions").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(page.GetByTestId("user-clients-dialog")).ToHaveCountAsync(0);
        await page.GetByTestId("edit-user").First.ClickAsync();
        await Expect(page.GetByTestId("user-email")).ToHaveValueAsync("nora@example.test");
        await page.SettleAsync();
        await page.AssertAccessibleAsync("User dialog, light", within: ".mud-dialog");
        await Screenshots.SaveAsync(page, "user-edit-light");

    }
}
