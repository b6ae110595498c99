using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Client;
using OrderPage = PuqCloud.Web.Components.Client.Order.Order;
using OrderProductPage = PuqCloud.Web.Components.Client.Order.OrderProduct;

namespace PuqCloud.Tests.Components;

/// <summary>
/// The client area's order pages in the context the layout hands down: the store (groups of product cards, a product out
/// of stock shown but not orderable, and the empty store), a product's order page (periods, options, the summary with
/// taxes and the funds check, placing the order), a product not found, and a member without the orders permission.
/// </summary>
public sealed class OrderPageTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly MyClientAccount Me = new(Guid.CreateVersion7(), "olga@example.test", "Olga Owner", TwoFactorEnabled: false);
    private static readonly Guid ClientId = Guid.CreateVersion7();
    private static readonly Guid ProductId = Guid.CreateVersion7();
    private static readonly Guid MonthlyId = Guid.CreateVersion7();
    private static readonly Guid AnnualId = Guid.CreateVersion7();
    private static readonly Guid BackupsId = Guid.CreateVersion7();
    private static readonly Guid DailyId = Guid.CreateVersion7();

    private static ClientAreaContext Member(bool isOwner = true, params string[] permissions)
    {
        var client = new MyClient(ClientId, "Nowak Hosting", isOwner, permissions);
        return new ClientAreaContext(Me, [client], client, new ClientAreaBrand("Puq Polska sp. z o.o.", null));
    }

    private IRenderedComponent<T> RenderIn<T>(ClientAreaContext context, Action<ComponentParameterCollectionBuilder<T>>? more = null) where T : IComponent =>
        RenderWithProviders<T>(p =>
        {
            p.AddCascadingValue(context);
            more?.Invoke(p);
        });

    private static OrderCatalog Catalog() => new(ClientId, "EUR",
    [
        new OrderGroup(Guid.CreateVersion7(), "vps", "Cloud servers", "Fast NVMe servers.", null,
        [
            new OrderProductCard(ProductId, "vps-s", "Cloud VPS S", "2 vCPU, 4 GB RAM", null, true, null, false, PricePeriod.Monthly, 19.99m, "19,99\u00a0€", 2),
            new OrderProductCard(Guid.CreateVersion7(), "dedi-x1", "Dedicated X1", null, null, false, 0, false, PricePeriod.Monthly, 99m, "99,00\u00a0€", 1),
        ]),
    ]);

    private static OrderForm Form(bool inStock = true) => new(ClientId, ProductId, "vps-s", "Cloud VPS S", "2 vCPU, 4 GB RAM", null, false, inStock, null, false, "EUR", 2,
        [
            new OrderPrice(MonthlyId, PricePeriod.Monthly, false, 5m, 19.99m, "5,00\u00a0€", "19,99\u00a0€", null, null, null),
            new OrderPrice(AnnualId, PricePeriod.Annually, false, 0m, 199m, "0,00\u00a0€", "199,00\u00a0€", null, null, null),
        ],
        [
            new OrderOptionGroup(BackupsId, "backups", "Backups", null,
                [new OrderOption(DailyId, "daily", "Daily", [new OrderOptionPrice(PricePeriod.Monthly, 3.5m, "3,50\u00a0€")])]),
        ]);

    private static OrderPreview Preview(PreviewMyOrder r)
    {
        var option = r.OptionIds?.Contains(DailyId) == true;
        var subtotal = r.ProductPriceId == AnnualId ? 199m : 24.99m + (option ? 3.5m : 0m);
        List<OrderLine> lines = r.ProductPriceId == AnnualId
            ? [new OrderLine(OrderLineKind.Price, "Cloud VPS S", "Cloud VPS S, per year", 199m, "199,00\u00a0€")]
            : [new OrderLine(OrderLineKind.Setup, "Cloud VPS S", "Cloud VPS S, setup fee", 5m, "5,00\u00a0€"),
               new OrderLine(OrderLineKind.Price, "Cloud VPS S", "Cloud VPS S, per month", 19.99m, "19,99\u00a0€")];
        if (option) lines.Add(new OrderLine(OrderLineKind.Option, "Backups: Daily", "Cloud VPS S, option Backups: Daily, per month", 3.5m, "3,50\u00a0€"));
        var tax = Math.Round(subtotal * 0.23m, 2, MidpointRounding.AwayFromZero);
        return new OrderPreview(ClientId, ProductId, r.ProductPriceId, "Cloud VPS S", r.ProductPriceId == AnnualId ? PricePeriod.Annually : PricePeriod.Monthly, false, "EUR", 2,
            lines, subtotal, $"{subtotal:0.00}\u00a0€".Replace('.', ','), [new DocumentTaxDto(1, "VAT", 23m, subtotal, tax, "", $"{tax:0.00}\u00a0€".Replace('.', ','))],
            tax, "", subtotal + tax, $"{subtotal + tax:0.00}\u00a0€".Replace('.', ','), false, null,
            subtotal, $"{subtotal:0.00}\u00a0€".Replace('.', ','), subtotal - 5m, null, 10m, "10,00\u00a0€", 0m, "0,00\u00a0€", 10m, "10,00\u00a0€", 0, 0m, "0,00\u00a0€",
            false, subtotal - 10m, $"{subtotal - 10m:0.00}\u00a0€".Replace('.', ','), $"/billing/add-funds?amount={subtotal - 10m:0.00}", true);
    }

    [Fact]
    public void The_store_shows_each_group_with_its_products_and_an_out_of_stock_product_cannot_be_ordered()
    {
        Requests.On<ListMyOrderGroups, OrderCatalog>(Catalog());
        var page = RenderIn<OrderPage>(Member());

        page.WaitForAssertion(() => page.FindAll("[data-testid=order-product]").Should().HaveCount(2), Wait);
        page.Find("[data-testid=order-group-name]").TextContent.Should().Be("Cloud servers");
        var cards = page.FindAll("[data-testid=order-product]");
        cards[0].QuerySelector("[data-testid=order-product-price]")!.TextContent.Should().Be("19,99\u00a0€");
        cards[0].TextContent.Should().Contain("From").And.Contain("Monthly");
        cards[0].QuerySelector("a[data-testid=order-product-link]")!.GetAttribute("href").Should().Be($"/order/{ProductId}");
        cards[1].QuerySelector("[data-testid=order-product-out]")!.TextContent.Should().Be("Out of stock");
        cards[1].QuerySelector("[data-testid=order-product-link]").Should().BeNull("a product out of stock cannot be ordered");
        Requests.SentOf<ListMyOrderGroups>().Single().ClientId.Should().Be(ClientId);
    }

    [Fact]
    public void An_empty_store_says_there_is_nothing_to_order()
    {
        Requests.On<ListMyOrderGroups, OrderCatalog>(new OrderCatalog(ClientId, "EUR", []));
        var page = RenderIn<OrderPage>(Member());
        page.WaitForAssertion(() => page.Find("[data-testid=order-empty]").TextContent.Should().Contain("nothing to order"), Wait);
    }

    [Fact]
    public void A_member_without_the_orders_permission_gets_the_notice_and_sends_nothing()
    {
        var member = Member(isOwner: false, ClientPermissions.ManageServices);
        RenderIn<OrderPage>(member).Find("[data-testid=no-permission]").TextContent.Should().Contain(ClientPermissions.ManageOrders);
        Render<OrderProductPage>(p => p.AddCascadingValue(member).Add(x => x.ProductId, ProductId)).Find("[data-testid=no-permission]");
        Requests.Sent.Should().BeEmpty();
    }

    /// <summary>Proformas issued and not paid yet are shown as on their way, with the oldest to pay, and no second top-up is asked for what they cover.</summary>
    [Fact]
    public void Proformas_on_their_way_are_shown_and_no_top_up_is_asked_for_what_they_cover()
    {
        var proforma = Guid.CreateVersion7();
        Requests.On<GetMyOrderForm, OrderForm>(Form());
        Requests.On<PreviewMyOrder, OrderPreview>(r => Preview(r) with
        {
            ToAdd = 0m, ToAddText = "0,00\u00a0€", AddFundsUrl = null,
            UnpaidProformas = 1, UnpaidProformasNet = 20m, UnpaidProformasNetText = "20,00\u00a0€", FirstUnpaidProformaId = proforma,
        });
        var page = RenderIn<OrderProductPage>(Member(), p => p.Add(x => x.ProductId, ProductId));

        page.WaitForAssertion(() => page.Find("[data-testid=order-on-its-way]").TextContent.Should().Contain("1 unpaid add-funds proforma(s), 20,00\u00a0€"), Wait);
        page.Find("a[data-testid=order-pay-proforma]").GetAttribute("href").Should().Be($"/invoices/{proforma}");
        page.Find("[data-testid=order-short]").TextContent.Should().Contain("The proformas on their way cover it once paid");
        page.FindAll("[data-testid=order-add-funds]").Should().BeEmpty();
    }

    [Fact]
    public void What_earlier_orders_keep_shows_even_when_no_order_waits_for_funds()
    {
        Requests.On<GetMyOrderForm, OrderForm>(Form());
        // A service being set up keeps its first charge: nothing waits for funds, but 0.01 is kept.
        Requests.On<PreviewMyOrder, OrderPreview>(r => Preview(r) with { WaitingOrders = 0, Reserved = 0.01m, ReservedText = "0,01\u00a0€" });
        var page = RenderIn<OrderProductPage>(Member(), p => p.Add(x => x.ProductId, ProductId));

        page.WaitForAssertion(() => page.Find("[data-testid=order-waiting]").TextContent.Should().Be("0,01\u00a0€"), Wait);
        page.Find("[data-testid=order-waiting]").PreviousElementSibling!.TextContent.Should().Be("Kept for earlier orders");
    }

    [Fact]
    public void The_order_page_previews_the_first_price_follows_the_choices_and_places_the_order()
    {
        Requests.On<GetMyOrderForm, OrderForm>(Form());
        Requests.On<PreviewMyOrder, OrderPreview>(Preview);
        var serviceId = Guid.CreateVersion7();
        Requests.On<PlaceMyOrder, ServiceDetails>(r => new ServiceDetails(serviceId, "Cloud VPS S #1a2b3c", ClientId, "Nowak Hosting", 10m, "10,00\u00a0€", ProductId,
            "Cloud VPS S", "vps-s", r.ProductPriceId, null, false, false, ServiceStatus.Pending, false, false, r.Label, ProvisionStatus.NotProvisioned,
            new Dictionary<string, string>(), null, PricePeriod.Monthly, "EUR", 5m, 19.99m, 0m, 0m, "19,99\u00a0€", null, [], DateTime.UtcNow, null, null, null, null, null,
            null, null, null, null, 0m, "0,0000\u00a0€", "5,00\u00a0€", "0,00\u00a0€", "0,00\u00a0€", null, null));
        var page = RenderIn<OrderProductPage>(Member(), p => p.Add(x => x.ProductId, ProductId));

        page.WaitForAssertion(() => page.FindAll("[data-testid=order-line]").Should().HaveCount(2), Wait);
        page.FindAll("[data-testid=order-price]").Should().HaveCount(2);
        page.Find("[data-testid=order-periods]").TextContent.Should().Contain("Setup fee 5,00\u00a0€");
        page.Find("[data-testid=order-options]").TextContent.Should().Contain("Daily").And.Contain("+3,50\u00a0€");
        page.Find("[data-testid=order-total]").TextContent.Should().Be("30,74\u00a0€");
        page.Find("[data-testid=order-short]").TextContent.Should().Contain("14,99\u00a0€");
        page.Find("a[data-testid=order-add-funds]").GetAttribute("href").Should().Be("/billing/add-funds?amount=14.99");
        Requests.SentOf<PreviewMyOrder>().Last().ProductPriceId.Should().Be(MonthlyId);

        // Choosing the daily backups asks again with the option.
        page.FindAll("[data-testid=order-options] input[type=radio]")[1].Click();
        page.WaitForAssertion(() => page.FindAll("[data-testid=order-line]").Should().HaveCount(3), Wait);
        Requests.SentOf<PreviewMyOrder>().Last().OptionIds.Should().Equal(DailyId);

        page.Find("input[data-testid=order-label], [data-testid=order-label] input").Change("web-1");
        page.Find("[data-testid=place-order]").Click();
        page.WaitForAssertion(() => Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith($"/services/{serviceId}"), Wait);
        var placed = Requests.SentOf<PlaceMyOrder>().Single();
        (placed.ClientId, placed.ProductId, placed.ProductPriceId, placed.Label).Should().Be((ClientId, ProductId, MonthlyId, "web-1"));
        placed.OptionIds.Should().Equal(DailyId);
    }

    /// <summary>
    /// An option priced for some periods only cannot be had with the others (billing would charge nothing for it): with the
    /// annual price it is disabled and says so, and choosing that price lets it go; an option without any price stays free.
    /// </summary>
    [Fact]
    public void An_option_not_priced_for_the_chosen_period_is_disabled_and_let_go()
    {
        var reportsId = Guid.CreateVersion7();
        var form = Form() with
        {
            OptionGroups =
            [
                .. Form().OptionGroups,
                new OrderOptionGroup(Guid.CreateVersion7(), "reports", "Reports", null, [new OrderOption(reportsId, "weekly", "Weekly", [], Free: true)]),
            ],
        };
        Requests.On<GetMyOrderForm, OrderForm>(form);
        Requests.On<PreviewMyOrder, OrderPreview>(Preview);
        var page = RenderIn<OrderProductPage>(Member(), p => p.Add(x => x.ProductId, ProductId));
        page.WaitForAssertion(() => page.FindAll("[data-testid=order-line]").Should().HaveCount(2), Wait);
        page.FindAll("[data-testid=order-options] input[type=radio]")[1].Click();
        page.WaitForAssertion(() => Requests.SentOf<PreviewMyOrder>().Last().OptionIds.Should().Equal(DailyId), Wait);

        page.FindAll("[data-testid=order-periods] input[type=radio]")[1].Click();

        page.WaitForAssertion(() => Requests.SentOf<PreviewMyOrder>().Last().ProductPriceId.Should().Be(AnnualId), Wait);
        Requests.SentOf<PreviewMyOrder>().Last().OptionIds.Should().BeEmpty("the daily backups have no annual price");
        var options = page.FindAll("input[data-testid=order-option]");
        options[0].Closest("label")!.TextContent.Should().Contain("Daily").And.Contain("not with this period");
        options[0].HasAttribute("disabled").Should().BeTrue();
        options[1].Closest("label")!.TextContent.Should().Contain("Weekly").And.Contain("included");
        options[1].HasAttribute("disabled").Should().BeFalse();
    }

    /// <summary>While the summary of a new choice is on its way, the one shown is of the old choice: the order waits for it.</summary>
    [Fact]
    public void Place_order_waits_for_the_summary_of_the_choice_made()
    {
        Requests.On<GetMyOrderForm, OrderForm>(Form());
        var annual = new TaskCompletionSource<OrderPreview>();
        Requests.OnAsync<PreviewMyOrder, OrderPreview>(r => r.ProductPriceId == AnnualId ? annual.Task : Task.FromResult(Preview(r)));
        var page = RenderIn<OrderProductPage>(Member(), p => p.Add(x => x.ProductId, ProductId));
        page.WaitForAssertion(() => page.Find("[data-testid=place-order]").HasAttribute("disabled").Should().BeFalse(), Wait);

        page.FindAll("[data-testid=order-periods] input[type=radio]")[1].Click();

        page.WaitForAssertion(() => page.Find("[data-testid=place-order]").HasAttribute("disabled").Should().BeTrue("the summary shown is the monthly one"), Wait);
        annual.SetResult(Preview(Requests.SentOf<PreviewMyOrder>().Last()));
        page.WaitForAssertion(() => page.Find("[data-testid=place-order]").HasAttribute("disabled").Should().BeFalse(), Wait);
    }

    [Fact]
    public void A_product_out_of_stock_is_shown_without_the_order_button_enabled()
    {
        Requests.On<GetMyOrderForm, OrderForm>(Form(inStock: false));
        Requests.On<PreviewMyOrder, OrderPreview>(Preview);
        var page = RenderIn<OrderProductPage>(Member(), p => p.Add(x => x.ProductId, ProductId));
        page.WaitForAssertion(() => page.Find("[data-testid=order-out-of-stock]"), Wait);
        page.WaitForAssertion(() => page.Find("[data-testid=place-order]").HasAttribute("disabled").Should().BeTrue(), Wait);
    }

    [Fact]
    public void A_product_not_found_says_so_and_leads_back_to_the_store()
    {
        Requests.Refuse<GetMyOrderForm>(new NotFoundException("There is no such product to order."));
        var missing = RenderIn<OrderProductPage>(Member(), p => p.Add(x => x.ProductId, Guid.CreateVersion7()));
        missing.WaitForAssertion(() => missing.Find("[data-testid=form-message]").TextContent.Should().Contain("no such product"), Wait);
        missing.Find("a[href='/order']");
    }
}
