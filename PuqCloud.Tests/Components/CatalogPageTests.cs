using Bunit;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Admin.Catalog;

namespace PuqCloud.Tests.Components;

/// <summary>Products → every catalog page: loaded and empty, prices refused with the reason under the field, and what a viewer may not press.</summary>
public sealed class CatalogPageTests : ComponentTest
{
    private static readonly string[] Editor =
    [
        Permissions.ProductsView, Permissions.ProductsCreate, Permissions.ProductsEdit, Permissions.ProductsDelete,
        Permissions.ProductGroupsView, Permissions.ProductGroupsCreate, Permissions.ProductGroupsEdit, Permissions.ProductGroupsDelete,
        Permissions.AttributeGroupsView, Permissions.AttributeGroupsCreate, Permissions.AttributeGroupsEdit, Permissions.AttributeGroupsDelete,
        Permissions.OptionGroupsView, Permissions.OptionGroupsCreate, Permissions.OptionGroupsEdit, Permissions.OptionGroupsDelete,
    ];

    private static readonly Guid Eur = Guid.CreateVersion7();
    private static Dictionary<string, string> En(string text) => new() { ["en"] = text };
    private static PagedResult<T> Page<T>(params T[] items) => new(items, items.Length, 1, 25);

    private static ProductDto Product(Guid id, string key = "cloud-vps-small", string? name = "Cloud VPS Small") => new(id, key,
        name is null ? new Dictionary<string, string>() : En(name), new Dictionary<string, string>(), IsVisible: true, IsActive: true, IsHidden: false, IsRetired: false,
        StockControl: false, StockQuantity: 0, HourlyBilling: false, AllowIdle: false, TerminationDelayHours: 72, CancellationDelayHours: 0,
        NotifyWelcome: true, NotifySuspension: true, NotifyUnsuspension: true, NotifyTermination: true, NotifyCancellation: true,
        ConvertPrice: false, IconPath: null, BackgroundPath: null, ModuleKey: null, ServiceCount: 3, DateTime.UtcNow, DateTime.UtcNow);

    private IRenderedComponent<MudDialogProvider> Providers()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return dialogs;
    }

    // Products

    [Fact]
    public void Products_list_shows_names_with_the_key_beside()
    {
        GivenStaffPermissions(Editor);
        Requests.On<ListProducts, PagedResult<ProductListItem>>(Page(new ProductListItem(Guid.CreateVersion7(), "cloud-vps-small", "Cloud VPS Small", null, true, true, false, 0, 2)));
        var page = RenderWithProviders<Products>();
        page.WaitForAssertion(() => page.Find("[data-testid=product-link]").TextContent.Should().Contain("Cloud VPS Small").And.Contain("cloud-vps-small"));
        page.Find("[data-testid=product-link] small").TextContent.Should().Be("cloud-vps-small");
        page.Find("button[data-testid=create-product]").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void Products_list_without_products_says_how_to_start()
    {
        GivenStaffPermissions(Editor);
        Requests.On<ListProducts, PagedResult<ProductListItem>>(Page<ProductListItem>());
        var page = RenderWithProviders<Products>();
        page.WaitForAssertion(() => page.Find("[data-testid=products-empty]").TextContent.Should().Contain("No products yet."));
    }

    [Fact]
    public void Product_editor_shows_the_name_with_the_key_and_opens_on_general()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Editor);
        Requests.On<GetProduct, ProductDto>(Product(id));
        var page = RenderWithProviders<ProductPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=page-title]").TextContent.Should().Contain("Cloud VPS Small"));
        page.Find("[data-testid=page-key]").TextContent.Should().Be("cloud-vps-small");
        page.Find("input[data-testid=product-name-en]").GetAttribute("value").Should().Be("Cloud VPS Small");
        // Only what the open tab needs is asked for: no prices, attributes, options or module settings yet.
        Requests.SentOf<ListProductPrices>().Should().BeEmpty();
        Requests.SentOf<GetProductModuleSettings>().Should().BeEmpty();
    }

    [Fact]
    public void Product_editor_of_a_new_product_has_no_prices_yet()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Editor);
        Requests.On<GetProduct, ProductDto>(Product(id, name: null));
        Requests.On<ListProductPrices, IReadOnlyList<PriceDto>>([]);
        var page = RenderWithProviders<ProductPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=page-title]").TextContent.Should().Contain("cloud-vps-small"));
        page.FindAll("[data-testid=page-key]").Should().BeEmpty("a product without a name shows its key once");
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Pricing")).Click();
        page.WaitForAssertion(() => page.Find("[data-testid=product-prices-empty]").TextContent.Should().Contain("No prices yet."));
    }

    [Fact]
    public void A_stock_count_refused_because_orders_moved_it_is_weighed_against_the_stock_as_it_is_now_next_time()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Editor);
        var stock = 3;
        Requests.On<GetProduct, ProductDto>(_ => Product(id) with { StockControl = true, StockQuantity = stock });
        Requests.Refuse<UpdateProduct>(RequestValidationException.For("StockQuantity", "Orders changed the stock from 3 to 2 since it was read: enter the stock again from 2."));
        var page = RenderWithProviders<ProductPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("button[data-testid=save-product]").HasAttribute("disabled").Should().BeFalse());

        stock = 2;
        page.Find("input[data-testid=product-stock]").Change("10");
        page.Find("button[data-testid=save-product]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=error-StockQuantity]").TextContent.Should().Contain("enter the stock again from 2"));
        page.Find("button[data-testid=save-product]").Click();
        page.WaitForAssertion(() => Requests.SentOf<UpdateProduct>().Select(r => r.StockQuantityLoaded).Should().Equal(3, 2));
    }

    [Fact]
    public void Product_editor_for_a_viewer_keeps_save_disabled()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.ProductsView);
        Requests.On<GetProduct, ProductDto>(Product(id));
        var page = RenderWithProviders<ProductPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("button[data-testid=save-product]").HasAttribute("disabled").Should().BeTrue());
    }

    [Fact]
    public void Product_that_does_not_exist_says_so()
    {
        GivenStaffPermissions(Editor);
        Requests.Refuse<GetProduct>(new NotFoundException("The product does not exist."));
        var page = RenderWithProviders<ProductPage>(p => p.Add(x => x.Id, Guid.CreateVersion7()));
        page.WaitForAssertion(() => page.Find("[data-testid=form-message]").TextContent.Should().Contain("The product does not exist."));
    }

    // Product groups

    [Fact]
    public void Product_groups_list_shows_names_with_the_key_beside()
    {
        GivenStaffPermissions(Editor);
        Requests.On<ListProductGroups, PagedResult<ProductGroupRow>>(Page(new ProductGroupRow(Guid.CreateVersion7(), "web-hosting", "Web hosting", null, true, 2, 0)));
        var page = RenderWithProviders<ProductGroups>();
        page.WaitForAssertion(() => page.Find("[data-testid=group-link]").TextContent.Should().Contain("Web hosting").And.Contain("web-hosting"));
    }

    [Fact]
    public void Product_groups_list_without_groups_says_how_to_start()
    {
        GivenStaffPermissions(Editor);
        Requests.On<ListProductGroups, PagedResult<ProductGroupRow>>(Page<ProductGroupRow>());
        var page = RenderWithProviders<ProductGroups>();
        page.WaitForAssertion(() => page.Find("[data-testid=product-groups-empty]").TextContent.Should().Contain("No product groups yet."));
    }

    [Fact]
    public void Product_groups_for_a_viewer_have_create_delete_and_order_disabled()
    {
        GivenStaffPermissions(Permissions.ProductGroupsView);
        Requests.On<ListProductGroups, PagedResult<ProductGroupRow>>(Page(
            new ProductGroupRow(Guid.CreateVersion7(), "a", "A", null, true, 0, 0), new ProductGroupRow(Guid.CreateVersion7(), "b", "B", null, true, 0, 1)));
        var page = RenderWithProviders<ProductGroups>();
        page.WaitForAssertion(() => page.FindAll("tr.puq-row").Count.Should().Be(2));
        page.Find("button[data-testid=create-product-group]").HasAttribute("disabled").Should().BeTrue();
        page.FindAll("button[data-testid=delete-group]").Should().OnlyContain(b => b.HasAttribute("disabled"));
        page.FindAll("button[data-testid=move-down]").Should().OnlyContain(b => b.HasAttribute("disabled"));
    }

    private static ProductGroupDetails Group(Guid id, params ProductGroupItemDto[] products) => new(id, "web-hosting", En("Web hosting"), En("Shared plans"),
        true, 0, null, null, "cards", "single-page", "standard", products);

    [Fact]
    public void Product_group_editor_shows_the_name_with_the_key_and_its_products()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Editor);
        Requests.On<GetProductGroup, ProductGroupDetails>(Group(id, new ProductGroupItemDto(Guid.CreateVersion7(), "plan-mini", "Mini plan", true, true, 0)));
        var page = RenderWithProviders<ProductGroupPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=page-title]").TextContent.Should().Contain("Web hosting"));
        page.Find("[data-testid=page-key]").TextContent.Should().Be("web-hosting");
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Products")).Click();
        page.WaitForAssertion(() => page.Find("[data-testid=group-products] tr.puq-row").TextContent.Should().Contain("Mini plan").And.Contain("plan-mini"));
    }

    [Fact]
    public void Product_group_without_products_says_how_to_add_them()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Editor);
        Requests.On<GetProductGroup, ProductGroupDetails>(Group(id));
        var page = RenderWithProviders<ProductGroupPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.FindAll(".mud-tab").Should().HaveCount(3));
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Products")).Click();
        page.WaitForAssertion(() => page.Find("[data-testid=group-products-empty]").TextContent.Should().Contain("No products in this group yet."));
    }

    [Fact]
    public void Product_group_field_errors_show_under_their_field()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Editor);
        Requests.On<GetProductGroup, ProductGroupDetails>(Group(id));
        Requests.Refuse<UpdateProductGroup>(new RequestValidationException(new Dictionary<string, string[]> { ["Key"] = ["Use lower-case letters, digits, '-', '_' and '.'."] }));
        var page = RenderWithProviders<ProductGroupPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("button[data-testid=save-group]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=error-Key]").TextContent.Should().Contain("lower-case"));
        page.Find("[data-testid=error-Key]").PreviousElementSibling!.QuerySelector("input[data-testid=group-key]").Should().NotBeNull("the message stands right under its field");
    }

    // Attribute groups

    [Fact]
    public void Attribute_groups_list_shows_names_with_the_key_beside()
    {
        GivenStaffPermissions(Editor);
        Requests.On<ListAttributeGroups, PagedResult<AttributeGroupRow>>(Page(new AttributeGroupRow(Guid.CreateVersion7(), "proxmox-lxc-network", "Network", null, true, 2)));
        var page = RenderWithProviders<AttributeGroups>();
        page.WaitForAssertion(() => page.Find("[data-testid=attribute-group-link]").TextContent.Should().Contain("Network").And.Contain("proxmox-lxc-network"));
    }

    [Fact]
    public void Attribute_groups_list_without_groups_says_how_to_start()
    {
        GivenStaffPermissions(Editor);
        Requests.On<ListAttributeGroups, PagedResult<AttributeGroupRow>>(Page<AttributeGroupRow>());
        var page = RenderWithProviders<AttributeGroups>();
        page.WaitForAssertion(() => page.Find("[data-testid=attribute-groups-empty]").TextContent.Should().Contain("No attribute groups yet."));
    }

    [Fact]
    public void Attribute_group_editor_lists_its_attributes_by_name_or_says_there_are_none()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Editor);
        var details = new AttributeGroupDetails(id, "network", En("Network"), En(""), true, null, null, []);
        Requests.On<GetAttributeGroup, AttributeGroupDetails>(details);
        Requests.On<ListAttributes, IReadOnlyList<AttributeDto>>([]);
        var page = RenderWithProviders<AttributeGroupPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=page-title]").TextContent.Should().Contain("Network"));
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Attributes")).Click();
        page.WaitForAssertion(() => page.Find("[data-testid=attribute-grid-empty]").TextContent.Should().Contain("No attributes yet."));

        Requests.On<ListAttributes, IReadOnlyList<AttributeDto>>([new AttributeDto(Guid.CreateVersion7(), id, "ipv6", En("IPv6"), true, 4)]);
        var loaded = Render<AttributeGroupPage>(p => p.Add(x => x.Id, id));
        loaded.WaitForAssertion(() => loaded.FindAll(".mud-tab").Should().HaveCount(3));
        loaded.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Attributes")).Click();
        loaded.WaitForAssertion(() => loaded.Find("[data-testid=attribute-grid] tr.puq-row").TextContent.Should().Contain("IPv6").And.Contain("ipv6"));
    }

    [Fact]
    public void Attribute_group_editor_for_a_viewer_keeps_save_disabled()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.AttributeGroupsView);
        Requests.On<GetAttributeGroup, AttributeGroupDetails>(new AttributeGroupDetails(id, "network", En("Network"), En(""), true, null, null, []));
        var page = RenderWithProviders<AttributeGroupPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("button[data-testid=save-attribute-group]").HasAttribute("disabled").Should().BeTrue());
    }

    // Option groups and options

    [Fact]
    public void Option_groups_list_shows_names_with_the_key_beside()
    {
        GivenStaffPermissions(Editor);
        Requests.On<ListOptionGroups, PagedResult<OptionGroupRow>>(Page(new OptionGroupRow(Guid.CreateVersion7(), "firewall", "Firewall protection", null, 0, 2, 1)));
        var page = RenderWithProviders<OptionGroups>();
        page.WaitForAssertion(() => page.Find("[data-testid=option-group-link]").TextContent.Should().Contain("Firewall protection").And.Contain("firewall"));
    }

    [Fact]
    public void Option_groups_list_without_groups_says_how_to_start()
    {
        GivenStaffPermissions(Editor);
        Requests.On<ListOptionGroups, PagedResult<OptionGroupRow>>(Page<OptionGroupRow>());
        var page = RenderWithProviders<OptionGroups>();
        page.WaitForAssertion(() => page.Find("[data-testid=option-groups-empty]").TextContent.Should().Contain("No option groups yet."));
    }

    private static OptionGroupDetails OptionGroup(Guid id, params OptionDto[] options) =>
        new(id, "firewall", En("Firewall protection"), En(""), 0, null, null, 1, options);

    [Fact]
    public void Option_group_editor_lists_its_options_by_name_with_the_key()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Editor);
        Requests.On<GetOptionGroup, OptionGroupDetails>(OptionGroup(id, new OptionDto(Guid.CreateVersion7(), id, "level-0", En("Firewall level 0"), 0, [])));
        var page = RenderWithProviders<OptionGroupPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.FindAll(".mud-tab").Should().HaveCount(3));
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Options")).Click();
        page.WaitForAssertion(() => page.Find("[data-testid=option-grid] tr.puq-row").TextContent.Should().Contain("Firewall level 0").And.Contain("level-0"));
        page.Find("[data-testid=page-title]").TextContent.Should().Contain("Firewall protection");
    }

    [Fact]
    public void Option_group_without_options_says_how_to_add_them()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Editor);
        Requests.On<GetOptionGroup, OptionGroupDetails>(OptionGroup(id));
        var page = RenderWithProviders<OptionGroupPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.FindAll(".mud-tab").Should().HaveCount(3));
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Options")).Click();
        page.WaitForAssertion(() => page.Find("[data-testid=option-grid-empty]").TextContent.Should().Contain("No options yet."));
    }

    private static PriceDto MonthlyEur(decimal amount) =>
        new(Guid.CreateVersion7(), Eur, "EUR", 2, PricePeriod.Monthly, 5m, amount, 0m, 0m, 0m, null, false);

    [Fact]
    public void Option_page_shows_its_prices_or_says_there_are_none()
    {
        var groupId = Guid.CreateVersion7();
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Editor);
        Requests.On<GetOptionGroup, OptionGroupDetails>(OptionGroup(groupId));
        Requests.On<GetOption, OptionDto>(new OptionDto(id, groupId, "level-0", En("Firewall level 0"), 0, []));
        var empty = RenderWithProviders<OptionPage>(p => p.Add(x => x.GroupId, groupId).Add(x => x.Id, id));
        empty.WaitForAssertion(() => empty.Find("[data-testid=option-prices-empty]").TextContent.Should().Contain("No prices yet."));
        empty.Find("[data-testid=breadcrumbs]").TextContent.Should().Contain("Firewall protection");

        Requests.On<GetOption, OptionDto>(new OptionDto(id, groupId, "level-0", En("Firewall level 0"), 0, [MonthlyEur(9.99m)]));
        var loaded = Render<OptionPage>(p => p.Add(x => x.GroupId, groupId).Add(x => x.Id, id));
        loaded.WaitForAssertion(() => loaded.Find("[data-testid=option-prices] tr.puq-row").TextContent.Should().Contain("Monthly").And.Contain("EUR").And.Contain("9.99"));
    }

    [Fact]
    public void Price_dialog_refuses_9_999_eur_with_the_reason_under_the_base_field_and_keeps_the_amount_as_typed()
    {
        var groupId = Guid.CreateVersion7();
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Editor);
        Requests.On<GetOptionGroup, OptionGroupDetails>(OptionGroup(groupId));
        Requests.On<GetOption, OptionDto>(new OptionDto(id, groupId, "level-0", En("Firewall level 0"), 0, []));
        Requests.On<ListCurrencyOptions, IReadOnlyList<CurrencyOption>>([new CurrencyOption(Eur, "EUR", true, 2)]);
        Requests.Refuse<AddOptionPrice>(new RequestValidationException(new Dictionary<string, string[]> { ["Base"] = ["EUR amounts have at most 2 decimal place(s)."] }));
        var dialogs = Providers();
        var page = Render<OptionPage>(p => p.Add(x => x.GroupId, groupId).Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("button[data-testid=option-prices-add]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=price-Base]"));
        dialogs.Find("input[data-testid=price-Base]").Change("9.999");
        dialogs.Find("button[data-testid=save-price]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Base]").TextContent.Should().Contain("at most 2 decimal place(s)"));
        dialogs.Find("[data-testid=error-Base]").PreviousElementSibling!.QuerySelector("input[data-testid=price-Base]").Should().NotBeNull("the reason stands right under its field");
        Requests.SentOf<AddOptionPrice>().Single().Base.Should().Be(9.999m, "the amount is sent exactly as typed");
        dialogs.Find("input[data-testid=price-Base]").GetAttribute("value").Should().Be("9.999");
    }

    [Fact]
    public void Option_page_for_a_viewer_has_no_price_buttons()
    {
        var groupId = Guid.CreateVersion7();
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.OptionGroupsView);
        Requests.On<GetOptionGroup, OptionGroupDetails>(OptionGroup(groupId));
        Requests.On<GetOption, OptionDto>(new OptionDto(id, groupId, "level-0", En("Firewall level 0"), 0, [MonthlyEur(9.99m)]));
        var page = RenderWithProviders<OptionPage>(p => p.Add(x => x.GroupId, groupId).Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=option-prices] tr.puq-row"));
        page.Find("button[data-testid=option-prices-add]").HasAttribute("disabled").Should().BeTrue();
        page.Find("button[data-testid=save-option]").HasAttribute("disabled").Should().BeTrue();
        page.FindAll("[data-testid=edit-price]").Should().BeEmpty();
        page.FindAll("[data-testid=delete-price]").Should().BeEmpty();
    }
}
