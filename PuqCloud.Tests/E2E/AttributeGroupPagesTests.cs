using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Staff create an attribute group, give it attributes and an icon, and find it in the list.</summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class AttributeGroupPagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Create_an_attribute_group_with_attributes_and_an_icon()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await page.OpenFromMenuAsync("menu-products-area", "menu-attribute-groups", "**/admin/attribute-groups");
        await Expect(page.GetByTestId("attribute-group-grid")).ToContainTextAsync("No attribute groups yet.");
        await page.CheckAndSaveAsync("attribute-groups-empty-light");

        await page.GetByTestId("create-attribute-group").ClickAsync();
        await page.GetByTestId("new-key").FillAsync("proxmox-lxc-network");
        await page.GetByTestId("create-key").ClickAsync();
        await page.WaitForAddressAsync(new Regex("/admin/attribute-groups/[0-9a-f-]{36}$"));
        await page.GetByTestId("group-name-en").FillAsync("Network");
        await page.GetByTestId("group-name-pl").FillAsync("Sieć");
        await page.GetByTestId("save-attribute-group").ClickAsync();
        await Expect(page.Toast("Saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("page-title")).ToContainTextAsync("Network");
        await page.CheckAndSaveAsync("attribute-group-general-light");

        await page.Tab("Images").ClickAsync();
        await page.GetByTestId("image-icon-file").ChooseFileAsync(new FilePayload { Name = "icon.png", MimeType = "image/png", Buffer = ImageUploads.TinyPng });
        await Expect(page.GetByTestId("image-icon-preview")).ToBeVisibleAsync();

        await page.CheckAndSaveAsync("attribute-group-images-light");

        await page.Tab("Attributes").ClickAsync();
        await Expect(page.GetByTestId("attribute-grid")).ToContainTextAsync("No attributes yet.");
        await page.GetByTestId("create-attribute").ClickAsync();
        await page.GetByTestId("attribute-key").FillAsync("proxmox-lxc-ipv6");
        await page.GetByTestId("attribute-name-en").FillAsync("IPv6");
        await page.SettleAsync();
        await page.CheckAndSaveAsync("attribute-dialog-light");
        await page.GetByTestId("save-attribute").ClickAsync();
        await Expect(page.GetByTestId("attribute-dialog")).ToHaveCountAsync(0);

        // A key another attribute has is refused in the dialog.
        await page.GetByTestId("create-attribute").ClickAsync();
        await page.GetByTestId("attribute-key").FillAsync("proxmox-lxc-ipv6");
        await page.GetByTestId("save-attribute").ClickAsync();
        await Expect(BrowserSteps.Dialog(page).GetByTestId("error-Key")).ToContainTextAsync("already exists");
        await page.GetByTestId("attribute-key").FillAsync("proxmox-lxc-ipv4");
        await page.GetByTestId("attribute-name-en").FillAsync("IPv4");
        await page.GetByTestId("save-attribute").ClickAsync();
        await Expect(page.GetByTestId("attribute-grid").Locator("tr.puq-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("attribute-grid")).ToContainTextAsync("IPv6");
        await page.CheckAndSaveAsync("attribute-group-attributes-light");

        await page.GotoAsync("/admin/attribute-groups");
        await page.GetByTestId("search").FillAsync("sieć");
        var rows = page.GetByTestId("attribute-group-grid").Locator("tr.puq-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("proxmox-lxc-network");
        await Expect(rows.First.Locator("img.puq-list-icon")).ToBeVisibleAsync();
        await page.CheckAndSaveAsync("attribute-groups-light");
    }
}
