using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>
/// A client orders through the store: New order → a product card → the billing period and an option → the summary with
/// its taxes and funds check → Place order, and lands on the new pending service. On a phone (390 px) in light and dark,
/// and at desktop width; the order pages are checked with axe and photographed.
/// </summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class OrderJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_client_orders_a_product_on_a_phone_and_at_desktop_width_and_lands_on_the_pending_service()
    {
        await App.SendAsSystemAsync(new CreateHomeCompany("Puq Hosting Europe"));
        var owner = await App.SignUpAsync(company: "Order Journey Sp. z o.o.");
        var productId = await SeedStoreAsync(owner.ClientId);
        await App.SendAsSystemAsync(new AddClientAdjustment(owner.ClientId, 10m, "Welcome credit"));

        await using (var phone = await Browser.NewPhonePersonAsync(App.ServerAddress))
        {
            var page = await phone.NewPageAsync();
            await SignInAsync(page, owner.Email);
            await OrderAsync(page, productId, "390", ("14.99", "18.49"));

            // Dark: the store and the product page again.
            await page.GotoAsync("/preferences/theme?value=dark&returnUrl=" + Uri.EscapeDataString("/order"));
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
            await Expect(page.GetByTestId("order-product").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await page.AssertFitsTheScreenAsync("The store, dark");
            await page.AssertAccessibleAsync("The store at 390 px, dark");
            await Screenshots.SaveAsync(page, "client-order-store-390-dark");
            await page.GotoAsync($"/order/{productId}");
            await Expect(page.GetByTestId("order-line").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await page.AssertFitsTheScreenAsync("The order page, dark");
            await page.AssertAccessibleAsync("The order page at 390 px, dark");
            await Screenshots.SaveAsync(page, "client-order-product-390-dark");
        }

        await using (var desktop = await Browser.NewPersonAsync(App.ServerAddress))
        {
            var page = await desktop.NewPageAsync();
            await SignInAsync(page, owner.Email);
            // The phone's order now waits for funds first: 28.49 of the 10.00 are taken by it.
            await OrderAsync(page, productId, "desktop", ("43.48", "46.98"));
        }

        await using var db = App.CreateDbContext();
        (await db.Services.CountAsync(s => s.ClientId == owner.ClientId)).Should().Be(2);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", ClientAreaSession.Password);
        await page.ClickAsync("[data-testid=sign-in]");
        await Expect(page.GetByTestId("signed-in-client")).ToContainTextAsync(email, new() { Timeout = 15_000 });
    }

    /// <summary>From the menu's New order to the new service's page, choosing the annual period and then the monthly one with daily backups.</summary>
    private static async Task OrderAsync(IPage page, Guid productId, string width, (string First, string WithOption) toAdd)
    {
        // On a phone the menu waits behind its button.
        if (width == "390")
        {
            await page.GetByTestId("client-menu-toggle").ClickAsync();
            await page.GetByTestId("drawer-nav-order").ClickAsync();
        }
        else await page.GetByTestId("nav-order").ClickAsync();
        await page.WaitForURLAsync("**/order");
        var card = page.GetByTestId("order-product").Filter(new() { HasText = "Cloud VPS S" });
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("order-product").Filter(new() { HasText = "Dedicated X1" }).GetByTestId("order-product-out")).ToBeVisibleAsync();
        if (width == "390") await page.AssertFitsTheScreenAsync("The store");
        await page.AssertAccessibleAsync($"The store at {width}, light");
        await Screenshots.SaveAsync(page, $"client-order-store-{width}-light");

        await card.GetByTestId("order-product-link").ClickAsync();
        await page.WaitForURLAsync($"**/order/{productId}");
        await Expect(page.GetByTestId("order-line")).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("order-total")).ToHaveTextAsync("$30.74");
        await Expect(page.GetByTestId("order-short")).ToContainTextAsync("$" + toAdd.First);

        await page.GetByTestId("order-periods").GetByText("Annually").ClickAsync();
        await Expect(page.GetByTestId("order-line")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("order-subtotal")).ToHaveTextAsync("$199.00");
        await page.GetByTestId("order-periods").GetByText("Monthly").ClickAsync();
        await page.GetByTestId("order-options").GetByText("Daily").ClickAsync();
        await Expect(page.GetByTestId("order-line")).ToHaveCountAsync(3, new() { Timeout = 15_000 });
        // 5.00 + 19.99 + 3.50 = 28.49; VAT 23 % 6.5527 → 6.55; total 35.04. Starting takes 28.49; the balance holds 10.00.
        await Expect(page.GetByTestId("order-total")).ToHaveTextAsync("$35.04");
        await Expect(page.GetByTestId("order-short")).ToContainTextAsync("$" + toAdd.WithOption);
        await Expect(page.GetByTestId("order-add-funds")).ToHaveAttributeAsync("href", "/billing/add-funds?amount=" + toAdd.WithOption);
        await page.Locator("input[data-testid=order-label], [data-testid=order-label] input").First.FillAsync($"web-{width}");
        if (width == "390") await page.AssertFitsTheScreenAsync("The order page");
        await page.AssertAccessibleAsync($"The order page at {width}, light");
        await Screenshots.SaveAsync(page, $"client-order-product-{width}-light");

        await page.GetByTestId("place-order").ClickAsync();
        await page.WaitForAddressAsync(new Regex("/services/[0-9a-f-]{36}$"), 15_000);
        await Expect(page.GetByTestId("service-status")).ToHaveTextAsync("Pending", new() { Timeout = 15_000 });
        await Expect(page.Locator("h1")).ToContainTextAsync($"web-{width}");
        await Expect(page.GetByTestId("service-options")).ToContainTextAsync("Backups: Daily");
        await Expect(page.Toast("It starts as soon as your balance covers it")).ToBeVisibleAsync();
        if (width == "390") await page.AssertFitsTheScreenAsync("The new service");
        await Screenshots.SaveAsync(page, $"client-order-placed-{width}-light");
    }

    /// <summary>A visible group with a product (monthly and annual prices in the client's currency, a Backups option group) and one out of stock; 23 % VAT for Poland.</summary>
    private async Task<Guid> SeedStoreAsync(Guid clientId)
    {
        await using var db = App.CreateDbContext();
        var client = await db.Clients.SingleAsync(c => c.Id == clientId);
        var company = await db.HomeCompanies.SingleAsync();
        var rule = new PuqCloud.Core.Domain.Finance.TaxRule
        {
            Position = 1, CountryCode = "PL", AppliesToPrivate = true, AppliesToCompanyWithoutTaxId = true, AppliesToCompanyWithTaxId = true,
            HomeCompanyId = company.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        rule.SetTaxes([new PuqCloud.Core.Domain.Finance.TaxLine("VAT", 23m)]);
        var now = DateTime.UtcNow;
        var vps = new Product
        {
            Key = "cloud-vps-s", Name = new() { ["en"] = "Cloud VPS S" }, Description = new() { ["en"] = "2 vCPU, 4 GB RAM and 80 GB NVMe in Warsaw, billed from your balance." },
            IsActive = true, IsVisible = true, CreatedAt = now, UpdatedAt = now,
        };
        var dedicated = new Product
        {
            Key = "dedicated-x1", Name = new() { ["en"] = "Dedicated X1" }, Description = new() { ["en"] = "A whole server: 16 cores, 128 GB RAM." },
            IsActive = true, IsVisible = true, StockControl = true, StockQuantity = 0, CreatedAt = now, UpdatedAt = now,
        };
        var group = new ProductGroup { Key = "cloud-servers", Name = new() { ["en"] = "Cloud servers" }, Description = new() { ["en"] = "Virtual servers, started in minutes." }, IsVisible = true };
        var backups = new OptionGroup { Key = "backups", Name = new() { ["en"] = "Backups" } };
        var daily = new ProductOption { OptionGroupId = backups.Id, Key = "daily", Name = new() { ["en"] = "Daily" } };
        db.AddRange(rule, vps, dedicated, group, backups, daily,
            new ProductPrice { ProductId = vps.Id, CurrencyId = client.CurrencyId, Period = PricePeriod.Monthly, Setup = 5m, Base = 19.99m },
            new ProductPrice { ProductId = vps.Id, CurrencyId = client.CurrencyId, Period = PricePeriod.Annually, Base = 199m },
            new ProductPrice { ProductId = dedicated.Id, CurrencyId = client.CurrencyId, Period = PricePeriod.Monthly, Base = 149m },
            new ProductGroupItem { ProductGroupId = group.Id, ProductId = vps.Id, Position = 0 },
            new ProductGroupItem { ProductGroupId = group.Id, ProductId = dedicated.Id, Position = 1 },
            new ProductOptionPrice { ProductOptionId = daily.Id, CurrencyId = client.CurrencyId, Period = PricePeriod.Monthly, Base = 3.5m },
            new ProductOptionGroupLink { ProductId = vps.Id, OptionGroupId = backups.Id, Position = 0 });
        await db.SaveChangesAsync();
        return vps.Id;
    }
}
