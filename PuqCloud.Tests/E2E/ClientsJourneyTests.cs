using Microsoft.Playwright;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Staff create a client with its owner, find it in the grid, and open the client area as its owner.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClientsJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Create_a_client_with_its_owner_find_it_and_sign_in_as_the_client()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);

        await page.GetByTestId("menu-clients").ClickAsync();
        await page.WaitForURLAsync("**/admin/clients");
        await page.GetByTestId("create-client").ClickAsync();
        await page.WaitForURLAsync("**/admin/clients/new");

        // Saving an empty form shows what is missing, next to each field.
        await page.GetByTestId("save-client").ClickAsync();
        await Expect(page.GetByTestId("error-Email")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-Address1")).ToBeVisibleAsync();
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
        await page.ChooseAsync("country", "Pola", "Poland");
        await page.ChooseAsync("region", "Mazow", "Mazowieckie");
        await page.GetByTestId("save-client").ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/clients/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("client-name")).ToHaveTextAsync("Nowak Cloud Sp. z o.o.");
        await Screenshots.SaveAsync(page, "client-summary-light");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Users" }).ClickAsync();
        await Expect(page.GetByTestId("member-grid")).ToContainTextAsync("nora@example.test");
        await Screenshots.SaveAsync(page, "client-users-light");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Profile" }).ClickAsync();
        await Expect(page.GetByTestId("address-grid")).ToContainTextAsync("Marszałkowska 10");
        await Screenshots.SaveAsync(page, "client-profile-light");

        // The grid finds the client by its owner's e-mail.
        await page.GetByTestId("menu-clients").ClickAsync();
        await page.WaitForURLAsync("**/admin/clients");
        await page.GetByTestId("search").FillAsync("nora@example");
        await Expect(page.GetByTestId("client-grid")).ToContainTextAsync("Nowak Cloud Sp. z o.o.");
        await Expect(page.GetByTestId("client-grid").Locator(".rz-data-row")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "clients-light");

        // Sign in as the client: the client area opens as its owner, with a way back.
        await page.GetByTestId("client-grid").GetByText("Nowak Cloud Sp. z o.o.").ClickAsync();
        await page.GetByTestId("sign-in-as-client").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(page.GetByTestId("impersonation-banner")).ToContainTextAsync("Super Admin");
        await Expect(page.GetByTestId("signed-in-client")).ToContainTextAsync("Nora Nowak");
        await Screenshots.SaveAsync(page, "client-area-as-staff-light");
        await page.GetByTestId("return-to-console").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/clients/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("client-name")).ToHaveTextAsync("Nowak Cloud Sp. z o.o.");

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.GetByTestId("client-name")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "client-summary-dark");
        await page.GotoAsync("/admin/clients");
        await Expect(page.GetByTestId("client-grid")).ToContainTextAsync("Nowak Cloud");
        await Screenshots.SaveAsync(page, "clients-dark");
        await page.GotoAsync("/admin/users");
        await Expect(page.GetByTestId("user-grid")).ToContainTextAsync("nora@example.test");
        await Screenshots.SaveAsync(page, "users-dark");
        await page.GetByTestId("show-clients").First.ClickAsync();
        await Expect(page.GetByTestId("user-clients-dialog")).ToContainTextAsync("Nowak Cloud Sp. z o.o.");
        await Screenshots.SaveAsync(page, "user-clients-dark");
    }
}
