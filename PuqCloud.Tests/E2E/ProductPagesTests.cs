using System.Net.Http.Json;
using Microsoft.Playwright;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Modules.Product.Sample;
using PuqCloud.Tests.Integration;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Products → Products: creating a product through every tab of its editor, with screenshots (the dark theme: the dark page crawl).</summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class ProductPagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly string[] Tabs = ["General", "Images", "Pricing", "Attributes", "Options", "Module"];

    // A blue rounded tile and a soft gradient, so that the screenshots show real pictures.
    private static readonly byte[] Icon = TestImages.Png(96, 96, (x, y) =>
        Math.Abs(x - 47.5) + Math.Abs(y - 47.5) < 60 ? ((byte)37, (byte)(99 + y / 2), (byte)235) : ((byte)255, (byte)255, (byte)255));
    private static readonly byte[] Background = TestImages.Png(480, 160, (x, y) => ((byte)(30 + x / 4), (byte)(64 + y / 3), (byte)(160 + x / 8)));

    [Fact]
    public async Task An_admin_creates_a_product_with_names_a_price_attributes_options_and_the_sample_module()
    {
        // Arranged through the API (and the database for attribute and option groups): EUR and the sample module switched on.
        using var api = await App.SuperAdminClientAsync();
        await ProductApiTests.CurrencyIdAsync(api, "EUR");
        (await api.PostAsync($"/api/admin/v1/modules/{SampleProductModule.Key}/activate", null)).EnsureSuccessStatusCode();
        await ArrangeGroupsAsync();

        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
        await page.OpenFromMenuAsync("menu-products-area", "menu-products", "**/admin/products");
        await Expect(page.GetByTestId("product-grid")).ToContainTextAsync("No products yet.");
        await page.CheckAndSaveAsync("product-list-empty-light");

        // Create: just the key, then the editor opens on General.
        await page.GetByTestId("create-product").ClickAsync();
        await page.GetByTestId("new-key").FillAsync("Cloud VPS");
        await page.GetByTestId("create-key").ClickAsync();
        await Expect(page.GetByTestId("error-Key")).ToContainTextAsync("lower-case");
        await page.SettleAsync();
        await page.CheckAndSaveAsync("product-create-light");
        await page.GetByTestId("new-key").FillAsync("cloud-vps-small");
        await page.GetByTestId("create-key").ClickAsync();
        await page.WaitForAddressAsync(new System.Text.RegularExpressions.Regex("/admin/products/[0-9a-f-]{36}"));
        await Expect(page.GetByTestId("page-title")).ToContainTextAsync("cloud-vps-small");

        // General: names in both languages, active and visible.
        await page.GetByTestId("product-name-en").FillAsync("Cloud VPS Small");
        await page.GetByTestId("product-name-pl").FillAsync("Mały serwer VPS");
        await page.GetByTestId("product-description-en").FillAsync("2 vCPU, 4 GB RAM, 40 GB NVMe.");
        await page.GetByTestId("product-active").ClickAsync();
        await page.GetByTestId("product-visible").ClickAsync();
        await page.NumericInput("product-termination").FillAsync("72");
        await page.GetByTestId("save-product").ClickAsync();
        await Expect(page.GetByTestId("page-title")).ToContainTextAsync("Cloud VPS Small");
        await Expect(page.GetByTestId("page-key")).ToHaveTextAsync("cloud-vps-small");
        await Expect(page.Toast("Cloud VPS Small saved")).ToBeVisibleAsync();
        await page.SettleAsync();
        await page.CheckAndSaveAsync("product-general-light");
        await page.GetByTestId("product-notify-cancellation").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "product-general-billing-light");

        // Images: an icon.
        await page.Tab("Images").ClickAsync();
        await page.GetByTestId("image-icon-file").ChooseFileAsync(new FilePayload { Name = "icon.png", MimeType = "image/png", Buffer = Icon });
        await Expect(page.GetByTestId("image-icon-preview")).ToBeVisibleAsync();
        await page.GetByTestId("image-background-file").ChooseFileAsync(new FilePayload { Name = "background.png", MimeType = "image/png", Buffer = Background });
        await Expect(page.GetByTestId("image-background-preview")).ToBeVisibleAsync();
        await page.CheckAndSaveAsync("product-images-light");

        // Pricing: a monthly EUR price.
        await page.Tab("Pricing").ClickAsync();
        await Expect(page.GetByTestId("product-prices")).ToContainTextAsync("No prices yet.");
        await page.GetByTestId("product-prices-add").ClickAsync();
        await page.ChooseAsync("price-currency", "EUR");
        await Expect(page.GetByTestId("price-period")).ToHaveValueAsync("Monthly");
        await page.NumericInput("price-Setup").FillAsync("5");
        await page.NumericInput("price-Base").FillAsync("9.99");
        await page.SettleAsync();
        await page.CheckAndSaveAsync("product-price-dialog-light");
        await page.GetByTestId("save-price").ClickAsync();
        var prices = page.GetByTestId("product-prices");
        await Expect(prices).ToContainTextAsync("EUR");
        await Expect(prices).ToContainTextAsync("9.99");
        await page.CheckAndSaveAsync("product-pricing-light");

        // Attributes and options: picked from the groups; the option groups can be reordered.
        await page.Tab("Attributes").ClickAsync();
        await page.ChooseAsync("attribute-picker", "IPv6", filter: "ipv6");
        await page.GetByTestId("add-attribute").ClickAsync();
        await Expect(page.GetByTestId("product-attributes")).ToContainTextAsync("Network");
        await page.CheckAndSaveAsync("product-attributes-light");
        await page.Tab("Options").ClickAsync();
        await page.ChooseAsync("option-group-picker", "Firewall");
        await page.GetByTestId("add-option-group").ClickAsync();
        var groups = page.GetByTestId("product-option-group");
        await Expect(groups).ToHaveCountAsync(1);
        await page.ChooseAsync("option-group-picker", "Location");
        await page.GetByTestId("add-option-group").ClickAsync();
        await Expect(groups).ToHaveCountAsync(2);
        await Expect(groups.Nth(1)).ToContainTextAsync("Warsaw");
        await groups.Nth(1).GetByTestId("move-group-up").ClickAsync();
        await Expect(groups.Nth(0)).ToContainTextAsync("Location");
        await Expect(groups.Nth(0).Locator(".puq-chip")).ToHaveTextAsync(["Warsaw", "Amsterdam", "Frankfurt"]);
        await page.CheckAndSaveAsync("product-options-light");

        // Module: the sample module's product form; the secret is kept and never shown.
        await page.Tab("Module").ClickAsync();
        await page.ChooseAsync("product-module-key", "Sample Product");
        await Expect(page.GetByTestId("secret-state-rootPassword")).ToHaveTextAsync("No value is set.");
        // The module's own select (shared ModuleSettingsFields) carries its test id on the element that shows the text, not on an input.
        await page.GetByTestId("setting-plan").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "medium" }).First.ClickAsync();
        await Expect(page.GetByTestId("setting-plan")).ToContainTextAsync("medium");
        var secret = "root-" + Guid.NewGuid().ToString("N")[..12];
        await page.GetByTestId("setting-rootPassword").FillAsync(secret);
        await page.GetByTestId("save-product").ClickAsync();
        await Expect(page.GetByTestId("secret-state-rootPassword")).ToHaveTextAsync("A value is set.");
        await Expect(page.GetByTestId("setting-rootPassword")).ToHaveValueAsync("");
        (await page.ContentAsync()).Should().NotContain(secret);
        await Expect(page.Toast("Module settings saved")).ToBeVisibleAsync();
        await page.SettleAsync();
        await page.CheckAndSaveAsync("product-module-light");

        // All of it is stored: after a reload the editor shows it again.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("page-title")).ToContainTextAsync("Cloud VPS Small");
        await Expect(page.GetByTestId("product-name-pl")).ToHaveValueAsync("Mały serwer VPS");
        await page.Tab("Module").ClickAsync();
        await Expect(page.GetByTestId("product-module-key")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Sample Product"));
        await Expect(page.GetByTestId("setting-plan")).ToContainTextAsync("medium");
        var product = await (await api.GetAsync("/api/admin/v1/products?search=cloud-vps-small")).JsonAsync();
        var row = product.GetProperty("items")[0];
        row.GetProperty("isActive").GetBoolean().Should().BeTrue();
        row.GetProperty("isVisible").GetBoolean().Should().BeTrue();
        (await api.GetStringAsync($"/api/admin/v1/products/{row.GetProperty("id").GetGuid()}/prices")).Should().Contain("\"currencyCode\":\"EUR\"");

        // The product joins a storefront group and is listed there, with its name.
        var groupId = (await (await api.PostAsJsonAsync("/api/admin/v1/product-groups", new { key = "vps" })).JsonAsync()).GetProperty("id").GetGuid();
        await page.GotoAsync($"/admin/product-groups/{groupId}");
        await page.Tab("Products").ClickAsync();
        await Expect(page.GetByTestId("group-products")).ToContainTextAsync("No products in this group yet.");
        await page.GetByTestId("add-products").ClickAsync();
        await page.GetByTestId("pick-products").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Cloud VPS Small" }).First.ClickAsync();
        // Closes the list by clicking the dialog's title (Escape could close the dialog itself when the list is already shut).
        await BrowserSteps.Dialog(page).Locator(".mud-dialog-title").ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.GetByTestId("save-products").ClickAsync();
        var member = page.GetByTestId("group-products").Locator("tr.puq-row");
        await Expect(member).ToHaveCountAsync(1);
        await Expect(member).ToContainTextAsync("cloud-vps-small");
        await Expect(member).ToContainTextAsync("Cloud VPS Small");
        await page.CheckAndSaveAsync("product-in-group-light");

        // The list shows it (every tab in the dark theme: the dark page crawl).
        await page.GotoAsync("/admin/products");
        await Expect(page.GetByTestId("product-grid")).ToContainTextAsync("Cloud VPS Small");
        await page.CheckAndSaveAsync("products-light");
    }

    private async Task ArrangeGroupsAsync()
    {
        var network = new AttributeGroup { Key = "network", Name = new() { ["en"] = "Network" }, IsVisible = true };
        var location = new OptionGroup { Key = "location", Name = new() { ["en"] = "Location" }, Position = 1 };
        location.Options.AddRange([
            new ProductOption { Key = "fra", Name = new() { ["en"] = "Frankfurt" }, Position = 2 },
            new ProductOption { Key = "waw", Name = new() { ["en"] = "Warsaw" }, Position = 0 },
            new ProductOption { Key = "ams", Name = new() { ["en"] = "Amsterdam" }, Position = 1 },
        ]);
        var firewall = new OptionGroup { Key = "firewall", Name = new() { ["en"] = "Firewall" }, Position = 0 };
        firewall.Options.AddRange([
            new ProductOption { Key = "basic", Name = new() { ["en"] = "Basic" }, Position = 0 },
            new ProductOption { Key = "ddos", Name = new() { ["en"] = "DDoS protection" }, Position = 1 },
        ]);
        await using var db = App.CreateDbContext();
        db.AttributeGroups.Add(network);
        db.ProductAttributes.AddRange(
            new ProductAttribute { AttributeGroupId = network.Id, Key = "ipv6", Name = new() { ["en"] = "IPv6" }, IsVisible = true },
            new ProductAttribute { AttributeGroupId = network.Id, Key = "10gbps", Name = new() { ["en"] = "10 Gbps uplink" }, IsVisible = false });
        db.OptionGroups.AddRange(firewall, location);
        await db.SaveChangesAsync();
    }
}
