using Microsoft.Playwright;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Products → Product groups: a group is made, named in two languages, given an icon and ordered products.</summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class ProductGroupPagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_group_gets_texts_an_icon_and_products_in_order()
    {
        await App.AddProductAsync("plan-mini", "Mini plan");
        await App.AddProductAsync("plan-medium", "Medium plan");
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);

        await page.OpenFromMenuAsync("menu-products-area", "menu-product-groups", "**/admin/product-groups");
        await Expect(page.GetByTestId("product-group-grid")).ToContainTextAsync("No product groups yet.");
        await page.CheckAndSaveAsync("product-groups-empty-light");
        await page.GetByTestId("create-product-group").ClickAsync();
        await page.GetByTestId("new-key").FillAsync("Web Hosting");
        await page.GetByTestId("create-key").ClickAsync();
        await Expect(page.GetByTestId("error-Key")).ToContainTextAsync("lower-case");
        // Leave the box first, so the corrected key has reached the dialog before Create is pressed.
        await page.GetByTestId("new-key").FillAsync("web-hosting");
        await page.GetByTestId("new-key").PressAsync("Tab");
        await page.GetByTestId("create-key").ClickAsync();
        await Expect(page.GetByTestId("page-title")).ToContainTextAsync("web-hosting", new() { Timeout = 30_000 });
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/product-groups/[0-9a-f-]{36}$"));

        await page.GetByTestId("group-name-en").FillAsync("Web hosting");
        await page.GetByTestId("group-name-pl").FillAsync("Hosting stron");
        await page.GetByTestId("group-description-en").FillAsync("Shared hosting plans with daily backups.");
        await page.GetByTestId("group-visible").ClickAsync();
        await page.GetByTestId("save-group").ClickAsync();
        await Expect(page.Toast("web-hosting saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("page-title")).ToContainTextAsync("Web hosting");
        await page.SettleAsync();
        await page.CheckAndSaveAsync("product-group-general-light");

        await page.Tab("Images").ClickAsync();
        await page.GetByTestId("image-icon-file").ChooseFileAsync(new FilePayload { Name = "icon.png", MimeType = "image/png", Buffer = ImageUploads.TinyPng });
        await Expect(page.GetByTestId("image-icon-preview")).ToBeVisibleAsync();
        await page.GetByTestId("image-background-file").ChooseFileAsync(new FilePayload { Name = "note.png", MimeType = "image/png", Buffer = "not an image"u8.ToArray() });
        await Expect(page.GetByTestId("error-background")).ToContainTextAsync("PNG, JPEG, WebP or GIF");
        await page.CheckAndSaveAsync("product-group-images-light");

        await page.Tab("Products").ClickAsync();
        await Expect(page.GetByTestId("group-products")).ToContainTextAsync("No products in this group yet.");
        await page.GetByTestId("add-products").ClickAsync();
        await page.GetByTestId("pick-products").ClickAsync();
        var popup = page.Locator(".mud-popover-open").Last;
        await popup.Locator(".mud-list-item", new() { HasText = "Mini plan" }).ClickAsync();
        await popup.Locator(".mud-list-item", new() { HasText = "Medium plan" }).ClickAsync();
        await BrowserSteps.Dialog(page).Locator(".mud-dialog-title").ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.SettleAsync();
        await page.CheckAndSaveAsync("product-group-add-products-light");
        await page.GetByTestId("save-products").ClickAsync();
        var rows = page.GetByTestId("group-products").Locator("tr.puq-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("plan-mini");

        await rows.Nth(0).GetByTestId("move-down").ClickAsync();
        await Expect(rows.Nth(0)).ToContainTextAsync("plan-medium");
        await Expect(rows.Nth(1)).ToContainTextAsync("plan-mini");
        await page.CheckAndSaveAsync("product-group-products-light");
        // A tab is built anew each time it is opened: the Images tab shows the icon stored above, not the group as it was loaded.
        await page.Tab("Images").ClickAsync();
        await Expect(page.GetByTestId("image-icon-preview")).ToBeVisibleAsync();

        await page.OpenFromMenuAsync("menu-products-area", "menu-product-groups", "**/admin/product-groups");
        var row = page.GetByTestId("product-group-grid").Locator("tr.puq-row", new() { HasText = "web-hosting" });
        await Expect(row).ToContainTextAsync("Web hosting");
        await Expect(row.Locator("img.puq-list-icon")).ToBeVisibleAsync();
        await page.CheckAndSaveAsync("product-groups-light");
    }

    [Fact]
    public async Task A_viewer_sees_groups_without_the_buttons_that_would_be_refused()
    {
        await using (var db = App.CreateDbContext())
        {
            db.ProductGroups.Add(new Core.Domain.Catalog.ProductGroup { Key = "viewer-sees", Position = 99, ListView = "cards", OrderView = "single-page", ManageView = "standard" });
            await db.SaveChangesAsync();
        }
        var staff = await App.AddStaffAsync("catalog-viewer@example.test", "Catalog-viewer-2026", superAdmin: false);
        await using (var db = App.CreateDbContext())
        {
            var group = new Core.Domain.Staff.AdminGroup { Name = "Catalog viewers", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            group.Permissions.Add(new Core.Domain.Staff.AdminGroupPermission { Permission = Core.Security.Permissions.ProductGroupsView });
            group.Members.Add(new Core.Domain.Staff.StaffGroupMembership { StaffAccountId = staff.Id });
            db.AdminGroups.Add(group);
            await db.SaveChangesAsync();
        }
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync("catalog-viewer@example.test", "Catalog-viewer-2026");
        await page.ExpectConsoleAsync("catalog-viewer@example.test");

        await page.GotoAsync("/admin/product-groups");
        var row = page.GetByTestId("product-group-grid").Locator("tr.puq-row", new() { HasText = "viewer-sees" });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("create-product-group")).ToBeDisabledAsync();
        await Expect(row.GetByTestId("delete-group")).ToBeDisabledAsync();
        await Expect(row.GetByTestId("move-up")).ToBeDisabledAsync();
        await row.GetByTestId("group-link").ClickAsync();
        await Expect(page.GetByTestId("page-title")).ToContainTextAsync("viewer-sees");
        await Expect(page.GetByTestId("save-group")).ToBeDisabledAsync();
    }
}
