using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Staff build an option group in the console: two options, put in order, one priced monthly in EUR.</summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed partial class OptionGroupPagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Create_an_option_group_with_two_options_reorder_them_and_price_one_in_eur()
    {
        var api = await App.SuperAdminClientAsync();
        var eur = await api.PostAsJsonAsync("/api/admin/v1/currencies", new { code = "EUR", suffix = " €", exchangeRate = 0.92m, format = "SpaceComma", isDefault = false });
        eur.StatusCode.Should().Be(HttpStatusCode.Created);

        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await page.OpenFromMenuAsync("menu-products-area", "menu-option-groups", "**/admin/option-groups");
        await Expect(page.GetByTestId("option-group-grid")).ToContainTextAsync("No option groups yet.");
        await page.CheckAndSaveAsync("option-groups-empty-light");

        // Create asks for the key only, then opens the editor.
        await page.GetByTestId("create-option-group").ClickAsync();
        await page.GetByTestId("new-key").FillAsync("Not a key");
        await page.GetByTestId("create-key").ClickAsync();
        await Expect(page.GetByTestId("error-Key")).ToContainTextAsync("lower-case");
        await page.GetByTestId("new-key").FillAsync("firewall");
        await page.GetByTestId("create-key").ClickAsync();
        await page.WaitForAddressAsync(GroupUrl());
        await Expect(page.GetByTestId("page-title")).ToContainTextAsync("firewall");
        await page.GetByTestId("group-name-en").FillAsync("Firewall protection");
        await page.GetByTestId("group-name-pl").FillAsync("Ochrona zapory");
        await page.GetByTestId("group-description-en").FillAsync("Level 1 adds IP reputation lists.");
        await page.GetByTestId("save-option-group").ClickAsync();
        await Expect(page.Toast("Saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("page-key")).ToHaveTextAsync("firewall");
        await page.CheckAndSaveAsync("option-group-general-light");

        await page.Tab("Options").ClickAsync();
        await Expect(page.GetByTestId("option-grid")).ToContainTextAsync("No options yet.");
        await AddOptionAsync(page, "level-0", "Firewall level 0");
        await AddOptionAsync(page, "level-1", "Firewall level 1");
        var rows = page.GetByTestId("option-grid").Locator("tr.puq-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("level-0");

        // The second option moves up: the order is stored, so it survives a reload.
        await rows.Nth(1).GetByTestId("move-up").ClickAsync();
        await Expect(rows.Nth(0)).ToContainTextAsync("level-1");
        await page.ReloadAsync();
        await page.Tab("Options").ClickAsync();
        await Expect(rows.Nth(0)).ToContainTextAsync("level-1");
        await Expect(rows.Nth(1)).ToContainTextAsync("level-0");
        await Expect(rows.Nth(0).GetByTestId("move-up")).ToBeDisabledAsync();
        await page.CheckAndSaveAsync("option-group-options-light");
        var editorUrl = page.Url;

        // level-0 gets a monthly EUR price.
        await rows.Nth(1).GetByTestId("edit-option").ClickAsync();
        await page.WaitForAddressAsync(new Regex("/options/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("page-title")).ToContainTextAsync("level-0");
        await Expect(page.GetByTestId("option-prices")).ToContainTextAsync("No prices yet.");
        await page.CheckAndSaveAsync("option-page-empty-light");
        await page.GetByTestId("option-prices-add").ClickAsync();
        var dialog = BrowserSteps.Dialog(page);
        await page.ChooseAsync("price-currency", "EUR");
        await Expect(page.GetByTestId("price-period")).ToHaveValueAsync("Monthly");
        await Amount(page, "Base").FillAsync("9.999");
        await Amount(page, "Idle").FillAsync("5");
        // An option is charged its Base and Idle only: no setup or switch fee is asked for.
        await Expect(dialog.Locator("[data-testid=price-Setup], [data-testid=price-SwitchUp], [data-testid=price-SwitchDown]")).ToHaveCountAsync(0);
        await dialog.GetByTestId("save-price").ClickAsync();
        // EUR has two decimal places: a finer amount is refused next to its field.
        await Expect(dialog.GetByTestId("error-Base")).ToContainTextAsync("EUR amounts have at most 2 decimal place(s)");
        await Amount(page, "Base").FillAsync("9.99");
        await page.SettleAsync();
        await page.CheckAndSaveAsync("option-price-dialog-light");
        await dialog.GetByTestId("save-price").ClickAsync();
        await Expect(page.GetByTestId("price-dialog")).ToHaveCountAsync(0);
        var prices = page.GetByTestId("option-prices");
        await Expect(prices.Locator("tr.puq-row")).ToHaveCountAsync(1);
        await Expect(prices).ToContainTextAsync("EUR");
        await Expect(prices).ToContainTextAsync("Monthly");
        await Expect(prices).ToContainTextAsync("9.99");
        await page.CheckAndSaveAsync("option-page-light");

        // Back in the group (through the breadcrumbs), the option shows its one price; the list counts the options.
        await page.GetByTestId("breadcrumbs").GetByRole(AriaRole.Link, new() { Name = "Firewall protection" }).ClickAsync();
        await Expect(page.GetByTestId("option-grid").Locator("tr.puq-row").Nth(1).GetByTestId("option-price-count")).ToHaveTextAsync("1");
        await page.GotoAsync("/admin/option-groups");
        var list = page.GetByTestId("option-group-grid");
        await Expect(list).ToContainTextAsync("Firewall protection");
        await Expect(list.Locator("tr.puq-row").First).ToContainTextAsync("2");
        await page.CheckAndSaveAsync("option-groups-light");
    }

    private static async Task AddOptionAsync(IPage page, string key, string name)
    {
        await page.GetByTestId("create-option").ClickAsync();
        await page.GetByTestId("option-key").FillAsync(key);
        await page.GetByTestId("option-name-en").FillAsync(name);
        await page.GetByTestId("save-option").ClickAsync();
        await Expect(page.GetByTestId("option-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("option-grid")).ToContainTextAsync(name);
    }

    /// <summary>The input of an amount box of the price dialog.</summary>
    private static ILocator Amount(IPage page, string field) =>
        page.Locator($"[data-testid=price-{field}] input, input[data-testid=price-{field}]").First;

    private static Regex GroupUrl() => GroupUrlPattern();

    [GeneratedRegex("/admin/option-groups/[0-9a-f-]{36}$")]
    private static partial Regex GroupUrlPattern();
}
