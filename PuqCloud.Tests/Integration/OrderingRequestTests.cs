using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Preferences;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Ordering in the client area through the real pipeline as client users, and through the client API: what the store
/// lists (visible, hidden, retired, inactive, staff-only, out of stock, other currency), the order form, the summary's
/// figures with taxes and the funds check (written out by hand), placing a pending service by the step staff's order
/// uses, and the refusals. The test clock stands at <see cref="ManualClockAppFixture.Start"/> (1 December 2026: 744 hours).
/// </summary>
public abstract class OrderingRequestTests(PuqAppFactory app)
{
    protected PuqAppFactory App => app;

    /// <summary>A catalog for one client currency: products of every kind in a visible group, and an invisible group.</summary>
    protected sealed record Shop(Guid Group, Guid HiddenGroup, Product Listed, Product Hidden, Product Retired, Product Inactive, Product StaffOnly,
        Product OutOfStock, Product OtherCurrency, Product Stocked, ProductPrice ListedMonthly, ProductPrice ListedAnnual, ProductPrice ListedEur,
        Guid BackupsGroup, Guid DailyBackups, Guid WeeklyBackups, Guid Ipv4, Guid OtherProductsOption, ProductPrice StockedPrice, Guid EuroOnlyIpv4);

    protected async Task<Shop> SeedShopAsync(Guid currencyId)
    {
        await using var db = app.CreateDbContext();
        var eur = await EurAsync(db);
        var now = DateTime.UtcNow;
        Product P(string name, bool visible = true, bool active = true, bool hidden = false, bool retired = false, bool stock = false, int quantity = 0) => new()
        {
            Key = CatalogData.UniqueKey("order"), Name = name.Length == 0 ? [] : new() { ["en"] = name }, IsVisible = visible, IsActive = active, IsHidden = hidden,
            IsRetired = retired, StockControl = stock, StockQuantity = quantity, CreatedAt = now, UpdatedAt = now,
        };
        var listed = P("Cloud VPS S");
        listed.Name["pl"] = "Chmura VPS S";
        var hidden = P("Secret VPS", hidden: true);
        var retired = P("Old VPS", retired: true);
        var inactive = P("Draft VPS", active: false);
        var staffOnly = P("Staff VPS", visible: false);
        var outOfStock = P("Dedicated X1", stock: true, quantity: 0);
        var otherCurrency = P("Euro VPS");
        var stocked = P("", stock: true, quantity: 3);
        var monthly = new ProductPrice { ProductId = listed.Id, CurrencyId = currencyId, Period = PricePeriod.Monthly, Setup = 5m, Base = 19.99m };
        var annual = new ProductPrice { ProductId = listed.Id, CurrencyId = currencyId, Period = PricePeriod.Annually, Base = 199m };
        var listedEur = new ProductPrice { ProductId = listed.Id, CurrencyId = eur, Period = PricePeriod.Monthly, Base = 18m };
        var stockedPrice = new ProductPrice { ProductId = stocked.Id, CurrencyId = currencyId, Period = PricePeriod.Monthly, Base = 50m };
        db.AddRange(listed, hidden, retired, inactive, staffOnly, outOfStock, otherCurrency, stocked, monthly, annual, listedEur, stockedPrice);
        foreach (var p in new[] { hidden, retired, inactive, staffOnly, outOfStock })
            db.Add(new ProductPrice { ProductId = p.Id, CurrencyId = currencyId, Period = PricePeriod.Monthly, Base = 10m });
        db.Add(new ProductPrice { ProductId = otherCurrency.Id, CurrencyId = eur, Period = PricePeriod.Monthly, Base = 10m });

        var group = new ProductGroup { Key = CatalogData.UniqueKey("vps"), Name = new() { ["en"] = "Cloud servers", ["pl"] = "Serwery w chmurze" }, IsVisible = true, Position = -1000 };
        var hiddenGroup = new ProductGroup { Key = CatalogData.UniqueKey("secret"), Name = new() { ["en"] = "Not shown" }, IsVisible = false, Position = -1001 };
        db.AddRange(group, hiddenGroup);
        var position = 0;
        foreach (var p in new[] { stocked, listed, hidden, retired, inactive, staffOnly, outOfStock, otherCurrency })
            db.Add(new ProductGroupItem { ProductGroupId = group.Id, ProductId = p.Id, Position = p == stocked ? 10 : position++ });
        db.Add(new ProductGroupItem { ProductGroupId = hiddenGroup.Id, ProductId = listed.Id, Position = 0 });

        // Backups (two options, monthly prices) and IPv4 (one option) offered with the listed product; another group's option it does not offer.
        var backups = new OptionGroup { Key = CatalogData.UniqueKey("backups"), Name = new() { ["en"] = "Backups" } };
        var daily = new ProductOption { OptionGroupId = backups.Id, Key = CatalogData.UniqueKey("daily"), Name = new() { ["en"] = "Daily" }, Position = 0 };
        var weekly = new ProductOption { OptionGroupId = backups.Id, Key = CatalogData.UniqueKey("weekly"), Name = new() { ["en"] = "Weekly" }, Position = 1 };
        var ip = new OptionGroup { Key = CatalogData.UniqueKey("ip"), Name = new() { ["en"] = "IPv4" } };
        var extraIp = new ProductOption { OptionGroupId = ip.Id, Key = CatalogData.UniqueKey("extra"), Name = new() { ["en"] = "Extra address" } };
        // Priced in euros only: for a client paying in another currency it would be free, so it is not offered.
        var euroOnlyIp = new ProductOption { OptionGroupId = ip.Id, Key = CatalogData.UniqueKey("euro"), Name = new() { ["en"] = "Euro address" }, Position = 1 };
        var foreign = new OptionGroup { Key = CatalogData.UniqueKey("foreign"), Name = new() { ["en"] = "Foreign" } };
        var foreignOption = new ProductOption { OptionGroupId = foreign.Id, Key = CatalogData.UniqueKey("nope"), Name = new() { ["en"] = "Nope" } };
        db.AddRange(backups, daily, weekly, ip, extraIp, euroOnlyIp, foreign, foreignOption);
        db.AddRange(
            new ProductOptionPrice { ProductOptionId = daily.Id, CurrencyId = currencyId, Period = PricePeriod.Monthly, Base = 3.5m, Setup = 9m },
            new ProductOptionPrice { ProductOptionId = weekly.Id, CurrencyId = currencyId, Period = PricePeriod.Monthly, Base = 1.5m },
            new ProductOptionPrice { ProductOptionId = extraIp.Id, CurrencyId = currencyId, Period = PricePeriod.Monthly, Base = 2.25m },
            new ProductOptionPrice { ProductOptionId = extraIp.Id, CurrencyId = currencyId, Period = PricePeriod.Annually, Base = 22m },
            new ProductOptionPrice { ProductOptionId = euroOnlyIp.Id, CurrencyId = eur, Period = PricePeriod.Monthly, Base = 2m });
        db.AddRange(new ProductOptionGroupLink { ProductId = listed.Id, OptionGroupId = backups.Id, Position = 0 },
            new ProductOptionGroupLink { ProductId = listed.Id, OptionGroupId = ip.Id, Position = 1 });
        await db.SaveChangesAsync();
        return new Shop(group.Id, hiddenGroup.Id, listed, hidden, retired, inactive, staffOnly, outOfStock, otherCurrency, stocked, monthly, annual, listedEur,
            backups.Id, daily.Id, weekly.Id, extraIp.Id, foreignOption.Id, stockedPrice, euroOnlyIp.Id);
    }

    private static async Task<Guid> EurAsync(Core.Persistence.AppDbContext db)
    {
        if (await db.Currencies.FirstOrDefaultAsync(c => c.Code == "EUR") is { } eur) return eur.Id;
        var created = new Currency { Code = "EUR", Suffix = "€", ExchangeRate = 0.9m, Format = CurrencyFormat.SpaceComma, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        db.Currencies.Add(created);
        await db.SaveChangesAsync();
        return created.Id;
    }

    protected async Task<Guid> CurrencyOfAsync(Guid clientId)
    {
        await using var db = app.CreateDbContext();
        return await db.Clients.Where(c => c.Id == clientId).Select(c => c.CurrencyId).SingleAsync();
    }

    /// <summary>The first home company (the default one) and a 23 % VAT rule for Poland, where signed-up clients are billed.</summary>
    private async Task EnsurePolishVatAsync()
    {
        await using var db = app.CreateDbContext();
        if (!await db.HomeCompanies.AnyAsync()) await app.SendAsSystemAsync(new CreateHomeCompany("Order Home"));
        if (await db.TaxRules.AnyAsync(r => r.CountryCode == "PL")) return;
        var company = await db.HomeCompanies.OrderByDescending(c => c.IsDefault).FirstAsync();
        var rule = new TaxRule
        {
            Position = 1, CountryCode = "PL", AppliesToPrivate = true, AppliesToCompanyWithoutTaxId = true, AppliesToCompanyWithTaxId = true,
            HomeCompanyId = company.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        rule.SetTaxes([new TaxLine("VAT", 23m)]);
        db.TaxRules.Add(rule);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_store_lists_visible_groups_with_the_orderable_products_in_order_and_marks_the_ones_out_of_stock()
    {
        var owner = await app.SignUpAsync(company: "Store Visitor Ltd");
        var shop = await SeedShopAsync(await CurrencyOfAsync(owner.ClientId));

        var catalog = await app.SendAsClientAsync(owner.UserId, new ListMyOrderGroups(owner.ClientId));

        catalog.CurrencyCode.Should().Be("USD");
        catalog.Groups.Should().NotContain(g => g.Id == shop.HiddenGroup, "an invisible group is not shown");
        var group = catalog.Groups.Single(g => g.Id == shop.Group);
        group.Name.Should().Be("Cloud servers");
        group.Products.Select(p => p.Id).Should().Equal([shop.Listed.Id, shop.OutOfStock.Id, shop.Stocked.Id],
            "hidden, retired, inactive, staff-only and other-currency products are not listed; the rest in the group's order");
        var listed = group.Products[0];
        (listed.Name, listed.InStock, listed.StockLeft, listed.FromPeriod, listed.FromPrice, listed.FromPriceText, listed.PriceCount, listed.Metered)
            .Should().Be(("Cloud VPS S", true, (int?)null, PricePeriod.Monthly, 19.99m, "$19.99", 2, false));
        (group.Products[1].InStock, group.Products[1].StockLeft).Should().Be((false, 0));
        (group.Products[2].Name, group.Products[2].InStock, group.Products[2].StockLeft).Should().Be((shop.Stocked.Key, true, 3), "a product without a name is named by its key");

        // In the user's own language, English where a text has no translation.
        await app.SendAsClientAsync(owner.UserId, new SetMyClientLanguage("pl"));
        var polish = (await app.SendAsClientAsync(owner.UserId, new ListMyOrderGroups(owner.ClientId))).Groups.Single(g => g.Id == shop.Group);
        (polish.Name, polish.Products[0].Name, polish.Products[1].Name).Should().Be(("Serwery w chmurze", "Chmura VPS S", "Dedicated X1"));
    }

    [Fact]
    public async Task The_order_form_opens_a_hidden_product_by_its_link_but_not_a_retired_inactive_staff_only_or_other_currency_one()
    {
        var owner = await app.SignUpAsync();
        var shop = await SeedShopAsync(await CurrencyOfAsync(owner.ClientId));

        var form = await app.SendAsClientAsync(owner.UserId, new GetMyOrderForm(owner.ClientId, shop.Listed.Id));
        form.Prices.Select(p => (p.Period, p.Base, p.Setup, p.BaseText, p.SetupText)).Should().Equal(
            (PricePeriod.Monthly, 19.99m, 5m, "$19.99", "$5.00"), (PricePeriod.Annually, 199m, 0m, "$199.00", "$0.00"));
        form.Prices.Should().OnlyContain(p => !p.Metered && p.HourlyRate == null, "the product is paid per period");
        form.OptionGroups.Select(g => g.Name).Should().Equal("Backups", "IPv4");
        form.OptionGroups[0].Options.Select(o => o.Name).Should().Equal("Daily", "Weekly");
        form.OptionGroups[1].Options.Should().ContainSingle("an option priced in euros only is not offered in dollars")
            .Which.Prices.Select(p => (p.Period, p.BaseText)).Should().Equal((PricePeriod.Monthly, "$2.25"), (PricePeriod.Annually, "$22.00"));
        form.OptionGroups.SelectMany(g => g.Options).Should().OnlyContain(o => !o.Free, "every option here has prices");

        (await app.SendAsClientAsync(owner.UserId, new GetMyOrderForm(owner.ClientId, shop.Hidden.Id))).IsHidden.Should().BeTrue("hidden means ordered by a direct link");
        (await app.SendAsClientAsync(owner.UserId, new GetMyOrderForm(owner.ClientId, shop.OutOfStock.Id))).InStock.Should().BeFalse();
        foreach (var product in new[] { shop.Retired, shop.Inactive, shop.StaffOnly, shop.OtherCurrency })
            await app.Invoking(x => x.SendAsClientAsync(owner.UserId, new GetMyOrderForm(owner.ClientId, product.Id)))
                .Should().ThrowAsync<NotFoundException>($"{product.Name["en"]} cannot be ordered by a client");
        await app.Invoking(x => x.SendAsClientAsync(owner.UserId, new GetMyOrderForm(owner.ClientId, Guid.NewGuid()))).Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task The_summary_of_a_monthly_order_with_two_options_shows_the_exact_price_taxes_and_what_to_add()
    {
        await EnsurePolishVatAsync();
        var owner = await app.SignUpAsync(company: "Golden Order Sp. z o.o.");
        var shop = await SeedShopAsync(await CurrencyOfAsync(owner.ClientId));
        await app.SendAsSystemAsync(new AddClientAdjustment(owner.ClientId, 10m, "Welcome credit"));

        var preview = await app.SendAsClientAsync(owner.UserId, new PreviewMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedMonthly.Id, [shop.Ipv4, shop.DailyBackups]));

        // Setup 5.00 + month 19.99 + Daily backups 3.50 + Extra address 2.25 = 30.74; VAT 23 % of 30.74 = 7.0702 → 7.07; total 37.81.
        preview.Lines.Select(l => (l.Kind, l.Name, l.Amount, l.AmountText)).Should().Equal(
            (OrderLineKind.Setup, "Cloud VPS S", 5.00m, "$5.00"),
            (OrderLineKind.Price, "Cloud VPS S", 19.99m, "$19.99"),
            (OrderLineKind.Option, "Backups: Daily", 3.50m, "$3.50"),
            (OrderLineKind.Option, "IPv4: Extra address", 2.25m, "$2.25"));
        (preview.Subtotal, preview.SubtotalText).Should().Be((30.74m, "$30.74"));
        preview.Taxes.Select(t => (t.Name, t.Rate, t.TaxableBase, t.Amount, t.AmountText)).Should().Equal(("VAT", 23m, 30.74m, 7.07m, "$7.07"));
        (preview.TaxTotal, preview.Total, preview.TotalText, preview.ReverseCharge).Should().Be((7.07m, 37.81m, "$37.81", false));
        // Starting it takes the setup fee and the first month with its options (the option's setup price is never charged): 5.00 + 25.74.
        (preview.StartCost, preview.StartCostText, preview.FirstCharge).Should().Be((30.74m, "$30.74", (decimal?)25.74m));
        (preview.Balance, preview.Available, preview.WaitingOrders, preview.Covered).Should().Be((10m, 10m, 0, false));
        (preview.ToAdd, preview.ToAddText, preview.AddFundsUrl).Should().Be((20.74m, "$20.74", "/billing/add-funds?amount=20.74"));

        // The same choices cost as much as the service's plan says once ordered: billing's own figure.
        var service = await app.SendAsClientAsync(owner.UserId, new PlaceMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedMonthly.Id, [shop.Ipv4, shop.DailyBackups]));
        await using (var db = app.CreateDbContext())
            ServiceSteps.StartCost(await BillingData.PlanAsync(db, service.Id, CancellationToken.None), ManualClockAppFixture.Start).Should().Be(30.74m);

        // A second order waits behind the first: the funds check counts what the first needs.
        var second = await app.SendAsClientAsync(owner.UserId, new PreviewMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedAnnual.Id));
        (second.StartCost, second.WaitingOrders, second.Reserved, second.ToAdd).Should().Be((199m, 1, 30.74m, 219.74m));

        // A proforma issued and not paid yet adds its net once paid: "Add" asks only for what it leaves missing, and nothing
        // when it covers the rest (it asked for all of it again: a client who paid both topped up twice).
        var proforma = await app.SendAsClientAsync(owner.UserId, new AddMyFunds(owner.ClientId, 200m));
        var third = await app.SendAsClientAsync(owner.UserId, new PreviewMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedAnnual.Id));
        (third.UnpaidProformas, third.UnpaidProformasNet, third.FirstUnpaidProformaId, third.ToAdd, third.AddFundsUrl)
            .Should().Be((1, 200m, (Guid?)proforma.Id, 19.74m, "/billing/add-funds?amount=19.74"));
        await app.SendAsClientAsync(owner.UserId, new AddMyFunds(owner.ClientId, 20m));
        var fourth = await app.SendAsClientAsync(owner.UserId, new PreviewMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedAnnual.Id));
        (fourth.Covered, fourth.UnpaidProformas, fourth.ToAdd, fourth.AddFundsUrl).Should().Be((false, 2, 0m, (string?)null));
    }

    [Fact]
    public async Task The_summary_of_an_hourly_order_asks_for_the_first_hour_and_at_least_the_smallest_top_up()
    {
        await EnsurePolishVatAsync();
        var owner = await app.SignUpAsync();
        var currency = await CurrencyOfAsync(owner.ClientId);
        var shop = await SeedShopAsync(currency);
        await using (var db = app.CreateDbContext())
        {
            var product = await db.Products.SingleAsync(p => p.Id == shop.Listed.Id);
            product.HourlyBilling = true;
            var price = await db.ProductPrices.SingleAsync(p => p.Id == shop.ListedMonthly.Id);
            (price.Setup, price.Base) = (1m, 7.44m);
            var option = await db.ProductOptionPrices.SingleAsync(p => p.ProductOptionId == shop.WeeklyBackups && p.Period == PricePeriod.Monthly);
            option.Base = 1.86m;
            await db.SaveChangesAsync();
        }
        await app.SendAsSystemAsync(new AddClientAdjustment(owner.ClientId, 1m, "Almost enough"));

        var form = await app.SendAsClientAsync(owner.UserId, new GetMyOrderForm(owner.ClientId, shop.Listed.Id));
        var monthly = form.Prices.Single(p => p.Period == PricePeriod.Monthly);
        (monthly.Metered, monthly.HourlyRate, monthly.HourlyRateText, monthly.HourlyRateBasis).Should().Be((true, (decimal?)0.01m, "$0.0100", "$7.44 ÷ 744 h"));

        var preview = await app.SendAsClientAsync(owner.UserId, new PreviewMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedMonthly.Id, [shop.WeeklyBackups]));

        // Setup 1.00 + month 7.44 + Weekly backups 1.86 = 10.30; VAT 2.369 → 2.37; total 12.67.
        (preview.Metered, preview.Subtotal, preview.TaxTotal, preview.Total).Should().Be((true, 10.30m, 2.37m, 12.67m));
        // The first hour: (7.44 + 1.86) / 744 = 0.0125; with the setup fee 1.0125, shown at the ledger's 4 decimals.
        (preview.FirstCharge, preview.StartCost, preview.StartCostText).Should().Be(((decimal?)0.0125m, 1.0125m, "$1.0125"));
        // Short by 0.0125: rounded up to 0.02, and then to the smallest top-up of General → Finance (5.00).
        (preview.Covered, preview.ToAdd, preview.AddFundsUrl).Should().Be((false, 5m, "/billing/add-funds?amount=5"));

        await app.SendAsSystemAsync(new AddClientAdjustment(owner.ClientId, 0.02m, "Enough"));
        var covered = await app.SendAsClientAsync(owner.UserId, new PreviewMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedMonthly.Id, [shop.WeeklyBackups]));
        (covered.Covered, covered.ToAdd, covered.AddFundsUrl).Should().Be((true, 0m, (string?)null));
    }

    /// <summary>
    /// First and last names may be 100 characters each, while the logs keep 200 of the name they record (the activity log,
    /// a service's history): the longer name is cut, never inside a character (written whole, every command of the person
    /// failed on PostgreSQL, the one to shorten it too; half an emoji cannot be written there at all).
    /// </summary>
    [Fact]
    public async Task Commands_of_a_person_with_the_longest_name_allowed_succeed_and_are_recorded_under_the_name_cut()
    {
        var owner = await app.SignUpAsync();
        var shop = await SeedShopAsync(await CurrencyOfAsync(owner.ClientId));
        var name = new string('A', 100) + " " + new string('B', 98) + "\U0001F600";
        var person = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PuqClaims.ClientUserId, owner.UserId.ToString()), new Claim(PuqClaims.Name, name)], "Test"));
        var monthly = (await app.SendAsClientAsync(owner.UserId, new GetMyOrderForm(owner.ClientId, shop.Stocked.Id))).Prices.Single();

        await app.SendAsync(person, new SetMyClientTimeZone("Europe/Warsaw"));
        var service = await app.SendAsync(person, new PlaceMyOrder(owner.ClientId, shop.Stocked.Id, monthly.Id));

        await using var db = app.CreateDbContext();
        (await db.ActivityLog.SingleAsync(e => e.ActorId == owner.UserId && e.Action == nameof(SetMyClientTimeZone))).ActorName.Should().Be(name[..199]);
        (await db.ServiceEvents.Where(e => e.ServiceId == service.Id).Select(e => e.Actor).ToListAsync()).Should().Contain(name[..199]);
    }

    [Fact]
    public async Task Placing_an_order_makes_a_pending_service_by_staffs_step_names_the_user_and_takes_a_unit_of_stock()
    {
        var owner = await app.SignUpAsync();
        var shop = await SeedShopAsync(await CurrencyOfAsync(owner.ClientId));
        var monthly = (await app.SendAsClientAsync(owner.UserId, new GetMyOrderForm(owner.ClientId, shop.Stocked.Id))).Prices.Single();

        var service = await app.SendAsClientAsync(owner.UserId, new PlaceMyOrder(owner.ClientId, shop.Stocked.Id, monthly.Id, null, "  db-1 "));
        (service.Status, service.ClientId, service.ProductId, service.Label, service.PriceText).Should().Be((ServiceStatus.Pending, owner.ClientId, shop.Stocked.Id, "db-1", "$50.00"));
        var hidden = await app.SendAsClientAsync(owner.UserId, new GetMyOrderForm(owner.ClientId, shop.Hidden.Id));
        (await app.SendAsClientAsync(owner.UserId, new PlaceMyOrder(owner.ClientId, shop.Hidden.Id, hidden.Prices[0].Id))).Status.Should().Be(ServiceStatus.Pending);
        var withOptions = await app.SendAsClientAsync(owner.UserId, new PlaceMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedMonthly.Id, [shop.WeeklyBackups, shop.Ipv4]));
        withOptions.Options.Select(o => o.OptionName).Should().BeEquivalentTo("Weekly", "Extra address");

        await using (var db = app.CreateDbContext())
        {
            var history = await db.ServiceEvents.AsNoTracking().Where(e => e.ServiceId == service.Id).ToListAsync();
            history.Should().ContainSingle().Which.Text.Should().Be($"Ordered by Olga Owner ({owner.Email}) in the client area.");
            (await db.Products.Where(p => p.Id == shop.Stocked.Id).Select(p => p.StockQuantity).SingleAsync()).Should().Be(2);
            (await db.LedgerEntries.CountAsync(e => e.ClientId == owner.ClientId)).Should().Be(0, "ordering charges nothing; the schedule starts the service when funds cover it");
        }

        // Staff's order takes its unit through the same step.
        await app.SendAsSystemAsync(new CreateService(owner.ClientId, shop.Stocked.Id, monthly.Id));
        await using (var db = app.CreateDbContext())
            (await db.Products.Where(p => p.Id == shop.Stocked.Id).Select(p => p.StockQuantity).SingleAsync()).Should().Be(1);
        (await app.SendAsClientAsync(owner.UserId, new ListMyServices(owner.ClientId, new PageRequest()))).Total.Should().Be(4);

        // Withdrawn before it started: cancelled, its unit back in stock, nothing charged; once only.
        (await app.SendAsClientAsync(owner.UserId, new CancelMyOrder(owner.ClientId, service.Id))).Status.Should().Be(ServiceStatus.Cancelled);
        await using (var db = app.CreateDbContext())
        {
            (await db.Products.Where(p => p.Id == shop.Stocked.Id).Select(p => p.StockQuantity).SingleAsync()).Should().Be(2);
            (await db.ServiceEvents.AsNoTracking().Where(e => e.ServiceId == service.Id).Select(e => e.Text).ToListAsync())
                .Should().Contain("Cancelled by the client before it started.");
            (await db.LedgerEntries.CountAsync(e => e.ClientId == owner.ClientId)).Should().Be(0);
        }
        (await app.Invoking(x => x.SendAsClientAsync(owner.UserId, new CancelMyOrder(owner.ClientId, service.Id))).Should().ThrowAsync<RuleViolationException>())
            .Which.Message.Should().Be("Only an order that has not started can be cancelled.");
    }

    [Fact]
    public async Task An_order_is_refused_for_a_product_out_of_stock_a_foreign_price_or_option_an_unpriced_option_and_two_options_of_one_group()
    {
        var owner = await app.SignUpAsync();
        var shop = await SeedShopAsync(await CurrencyOfAsync(owner.ClientId));
        var outPrice = (await app.SendAsClientAsync(owner.UserId, new GetMyOrderForm(owner.ClientId, shop.OutOfStock.Id))).Prices[0].Id;

        async Task FieldErrorAsync(PlaceMyOrder order, string field)
        {
            var refused = await app.Invoking(x => x.SendAsClientAsync(owner.UserId, order)).Should().ThrowAsync<RequestValidationException>();
            refused.Which.Errors.Keys.Should().Equal(field);
            var preview = new PreviewMyOrder(order.ClientId, order.ProductId, order.ProductPriceId, order.OptionIds);
            if (field is not ("ProductId" or "Label"))
                (await app.Invoking(x => x.SendAsClientAsync(owner.UserId, preview)).Should().ThrowAsync<RequestValidationException>()).Which.Errors.Keys.Should().Equal(field);
        }

        await FieldErrorAsync(new PlaceMyOrder(owner.ClientId, shop.OutOfStock.Id, outPrice), "ProductId");
        await FieldErrorAsync(new PlaceMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedEur.Id), "ProductPriceId");
        await FieldErrorAsync(new PlaceMyOrder(owner.ClientId, shop.Listed.Id, shop.StockedPrice.Id), "ProductPriceId");
        await FieldErrorAsync(new PlaceMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedMonthly.Id, [shop.OtherProductsOption]), "OptionIds");
        await FieldErrorAsync(new PlaceMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedMonthly.Id, [shop.DailyBackups, shop.WeeklyBackups]), "OptionIds");
        // Options priced, but not in the order's currency and period: billing would charge nothing for them.
        await FieldErrorAsync(new PlaceMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedMonthly.Id, [shop.EuroOnlyIpv4]), "OptionIds");
        await FieldErrorAsync(new PlaceMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedAnnual.Id, [shop.DailyBackups]), "OptionIds");
        (await app.Invoking(x => x.SendAsClientAsync(owner.UserId, new PlaceMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedAnnual.Id, [shop.DailyBackups])))
            .Should().ThrowAsync<RequestValidationException>()).Which.Errors["OptionIds"].Should().Equal("The option Daily has no price per year in USD: choose another.");
        await FieldErrorAsync(new PlaceMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedMonthly.Id, null, new string('x', 101)), "Label");
        foreach (var product in new[] { shop.Retired, shop.Inactive, shop.StaffOnly })
        {
            var price = await PriceOfAsync(product.Id);
            await app.Invoking(x => x.SendAsClientAsync(owner.UserId, new PlaceMyOrder(owner.ClientId, product.Id, price))).Should().ThrowAsync<NotFoundException>();
            await app.Invoking(x => x.SendAsClientAsync(owner.UserId, new PreviewMyOrder(owner.ClientId, product.Id, price))).Should().ThrowAsync<NotFoundException>();
        }
        (await app.SendAsClientAsync(owner.UserId, new ListMyServices(owner.ClientId, new PageRequest()))).Total.Should().Be(0, "no refusal leaves anything behind");
        await using var db = app.CreateDbContext();
        (await db.Products.Where(p => p.Id == shop.Stocked.Id).Select(p => p.StockQuantity).SingleAsync()).Should().Be(3);
    }

    private async Task<Guid> PriceOfAsync(Guid productId)
    {
        await using var db = app.CreateDbContext();
        return await db.ProductPrices.Where(p => p.ProductId == productId).Select(p => p.Id).FirstAsync();
    }

    [Fact]
    public async Task Ordering_asks_for_the_orders_permission_and_never_reaches_another_client()
    {
        var owner = await app.SignUpAsync(company: "Orders Co");
        var other = await app.SignUpAsync(company: "Other Co");
        var shop = await SeedShopAsync(await CurrencyOfAsync(owner.ClientId));
        var viewer = await app.InviteMemberAsync(owner, $"viewer-{Guid.NewGuid():N}@example.test", ClientPermissions.ViewTransactions, ClientPermissions.ManageServices);
        var buyer = await app.InviteMemberAsync(owner, $"buyer-{Guid.NewGuid():N}@example.test", ClientPermissions.ManageOrders);

        object[] Requests(Guid clientId) =>
        [
            new ListMyOrderGroups(clientId), new GetMyOrderForm(clientId, shop.Listed.Id), new PreviewMyOrder(clientId, shop.Listed.Id, shop.ListedMonthly.Id),
            new PlaceMyOrder(clientId, shop.Listed.Id, shop.ListedMonthly.Id), new CancelMyOrder(clientId, Guid.CreateVersion7()),
        ];
        foreach (var request in Requests(owner.ClientId))
            await app.Invoking(x => x.SendAsClientAsync(viewer, request)).Should().ThrowAsync<AccessDeniedException>($"{request.GetType().Name} needs orders.manage");
        foreach (var request in Requests(other.ClientId))
            await app.Invoking(x => x.SendAsClientAsync(owner.UserId, request)).Should().ThrowAsync<NotFoundException>($"{request.GetType().Name} names another client");

        var placed = await app.SendAsClientAsync(buyer, new PlaceMyOrder(owner.ClientId, shop.Listed.Id, shop.ListedMonthly.Id));
        placed.ClientId.Should().Be(owner.ClientId);
        (await app.SendAsClientAsync(other.UserId, new ListMyServices(other.ClientId, new PageRequest()))).Total.Should().Be(0);
        // Another client's order, named by its id under one's own client, is not found, and stays.
        await app.Invoking(x => x.SendAsClientAsync(other.UserId, new CancelMyOrder(other.ClientId, placed.Id))).Should().ThrowAsync<NotFoundException>();
        (await app.SendAsClientAsync(owner.UserId, new GetMyService(owner.ClientId, placed.Id))).Status.Should().Be(ServiceStatus.Pending);
    }

    [Fact]
    public async Task The_client_api_lists_the_store_opens_a_product_previews_and_places_an_order_as_the_pages_do()
    {
        var owner = await app.SignUpAsync();
        var shop = await SeedShopAsync(await CurrencyOfAsync(owner.ClientId));
        var api = await app.ClientApiClientAsync(owner.UserId, owner.ClientId);

        var groups = await (await api.GetAsync("/api/client/v1/order/groups")).JsonAsync();
        var group = groups.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("id").GetGuid() == shop.Group);
        group.GetProperty("products").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("inStock").GetBoolean()))
            .Should().Equal(("Cloud VPS S", true), ("Dedicated X1", false), (shop.Stocked.Key, true));

        var form = await (await api.GetAsync($"/api/client/v1/order/products/{shop.Listed.Id}")).JsonAsync();
        form.GetProperty("prices").GetArrayLength().Should().Be(2);
        (await api.GetAsync($"/api/client/v1/order/products/{shop.Retired.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var preview = await api.PostAsJsonAsync("/api/client/v1/order/preview", new { productId = shop.Listed.Id, productPriceId = shop.ListedMonthly.Id, optionIds = new[] { shop.Ipv4 } });
        preview.StatusCode.Should().Be(HttpStatusCode.OK, await preview.Content.ReadAsStringAsync());
        var summary = await preview.JsonAsync();
        (summary.GetProperty("subtotal").GetDecimal(), summary.GetProperty("startCost").GetDecimal(), summary.GetProperty("covered").GetBoolean()).Should().Be((27.24m, 27.24m, false));

        var bad = await api.PostAsJsonAsync("/api/client/v1/order/preview", new { productId = shop.Listed.Id, productPriceId = shop.ListedMonthly.Id, optionIds = new[] { shop.OtherProductsOption } });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).GetProperty("errors").TryGetProperty("optionIds", out _).Should().BeTrue();
        (await api.PostAsJsonAsync("/api/client/v1/orders", new { productPriceId = shop.ListedMonthly.Id })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var placed = await api.PostAsJsonAsync("/api/client/v1/orders", new { productId = shop.Listed.Id, productPriceId = shop.ListedMonthly.Id, optionIds = new[] { shop.Ipv4 }, label = "api-1" });
        placed.StatusCode.Should().Be(HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        var service = await placed.JsonAsync();
        (service.GetProperty("status").GetString(), service.GetProperty("label").GetString()).Should().Be(("Pending", "api-1"));
        placed.Headers.Location!.ToString().Should().Be($"/api/client/v1/services/{service.GetProperty("id").GetGuid()}");
        (await api.GetAsync(placed.Headers.Location)).StatusCode.Should().Be(HttpStatusCode.OK);
        // With an Idempotency-Key the order is placed once: the retry after a lost answer gets the same service, and a
        // different order under the key is refused.
        async Task<HttpResponseMessage> OrderWithKeyAsync(Guid priceId, string key = "deploy-42")
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/client/v1/orders") { Content = JsonContent.Create(new { productId = shop.Listed.Id, productPriceId = priceId }) };
            message.Headers.Add("Idempotency-Key", key);
            return await api.SendAsync(message);
        }
        var first = await OrderWithKeyAsync(shop.ListedMonthly.Id);
        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var retried = await OrderWithKeyAsync(shop.ListedMonthly.Id);
        retried.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retried.JsonAsync()).GetProperty("id").GetGuid().Should().Be((await first.JsonAsync()).GetProperty("id").GetGuid());
        (await OrderWithKeyAsync(shop.ListedAnnual.Id)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        // Two tries at once (a retry racing a slow first try): one waits for the other's client row and finds its service.
        var racing = await Task.WhenAll(OrderWithKeyAsync(shop.ListedMonthly.Id, "deploy-43"), OrderWithKeyAsync(shop.ListedMonthly.Id, "deploy-43"));
        racing.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        (await racing[0].JsonAsync()).GetProperty("id").GetGuid().Should().Be((await racing[1].JsonAsync()).GetProperty("id").GetGuid());
        (await app.SendAsClientAsync(owner.UserId, new ListMyServices(owner.ClientId, new PageRequest()))).Total.Should().Be(3, "the first order and each keyed one, once");

        var cancelled = await api.PostAsync($"/api/client/v1/orders/{service.GetProperty("id").GetGuid()}/cancel", null);
        cancelled.StatusCode.Should().Be(HttpStatusCode.OK, await cancelled.Content.ReadAsStringAsync());
        (await cancelled.JsonAsync()).GetProperty("status").GetString().Should().Be("Cancelled");
        (await api.PostAsync($"/api/client/v1/orders/{service.GetProperty("id").GetGuid()}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var member = await app.InviteMemberAsync(owner, $"no-orders-{Guid.NewGuid():N}@example.test", ClientPermissions.ViewTransactions);
        var memberApi = await app.ClientApiClientAsync(member, owner.ClientId);
        (await memberApi.GetAsync("/api/client/v1/order/groups")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteOrderingRequestTests(SqliteManualClockAppFixture fixture) : OrderingRequestTests(fixture.App), IClassFixture<SqliteManualClockAppFixture>;

public sealed class PostgresOrderingRequestTests(PostgresManualClockAppFixture fixture) : OrderingRequestTests(fixture.App), IClassFixture<PostgresManualClockAppFixture>
{
    [Fact]
    public async Task Orders_of_the_last_units_at_once_make_as_many_services_as_units_and_refuse_the_rest_as_out_of_stock()
    {
        var owner = await App.SignUpAsync();
        var shop = await SeedShopAsync(await CurrencyOfAsync(owner.ClientId));
        async Task SetStockAsync(int quantity)
        {
            await using var db = App.CreateDbContext();
            await db.Products.Where(p => p.Id == shop.Stocked.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.StockQuantity, quantity));
        }
        async Task<bool> OrderAsync(bool byStaff)
        {
            try
            {
                if (byStaff) await App.SendAsSystemAsync(new CreateService(owner.ClientId, shop.Stocked.Id, shop.StockedPrice.Id));
                else await App.SendAsClientAsync(owner.UserId, new PlaceMyOrder(owner.ClientId, shop.Stocked.Id, shop.StockedPrice.Id));
                return true;
            }
            catch (RequestValidationException ex) when (ex.Errors.TryGetValue("ProductId", out var errors) && errors.Contains(ServiceSteps.OutOfStock))
            {
                return false;
            }
        }
        async Task<int> ServicesAsync()
        {
            await using var db = App.CreateDbContext();
            return await db.Services.CountAsync(s => s.ProductId == shop.Stocked.Id);
        }

        // Two orders of the last unit: one service, one "out of stock".
        await SetStockAsync(1);
        (await Task.WhenAll(OrderAsync(false), OrderAsync(false))).Count(r => r).Should().Be(1);
        (await ServicesAsync()).Should().Be(1);

        // Twelve orders, staff's and the client's, of three units.
        await SetStockAsync(3);
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => OrderAsync(byStaff: i % 2 == 0)));
        results.Count(r => r).Should().Be(3);
        (await ServicesAsync()).Should().Be(4);
        await using var check = App.CreateDbContext();
        (await check.Products.Where(p => p.Id == shop.Stocked.Id).Select(p => p.StockQuantity).SingleAsync()).Should().Be(0, "the stock never goes below zero");
    }
}
