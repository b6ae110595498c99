using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// "Convert price" products: rows in other currencies follow the default currency's rows and the exchange
/// rates. Each test runs on its own database, because it changes currencies every product sees.
/// </summary>
public abstract class PriceConversionTests(TestDatabase database) : IAsyncLifetime
{
    private const string Products = "/api/admin/v1/products";
    private PuqAppFactory _app = null!;

    public async Task InitializeAsync() => _app = await PuqAppFactory.StartAsync(database);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Derived_prices_follow_the_default_price_and_the_rates()
    {
        var client = await _app.SuperAdminClientAsync();
        var plnId = (await (await client.PostAsJsonAsync("/api/admin/v1/currencies", new { code = "PLN", suffix = "zł", exchangeRate = 4.3215m, format = "SpaceComma", isDefault = false })).JsonAsync()).GetProperty("id").GetGuid();
        var jpy = await (await client.PostAsJsonAsync("/api/admin/v1/currencies", new { code = "JPY", prefix = "¥", exchangeRate = 161.5m, format = "CommaDot", isDefault = false })).JsonAsync();
        jpy.GetProperty("decimals").GetInt32().Should().Be(0);
        var jpyId = jpy.GetProperty("id").GetGuid();
        Guid usd;
        await using (var db = _app.CreateDbContext())
            usd = (await db.Currencies.SingleAsync(c => c.IsDefault)).Id;

        var productId = (await (await client.PostAsJsonAsync(Products, new { key = CatalogData.UniqueKey("vps") })).JsonAsync()).GetProperty("id").GetGuid();
        // A PLN annual price typed before conversion was switched on has no USD source: conversion drops it.
        (await client.PostAsJsonAsync($"{Products}/{productId}/prices", new { currencyId = plnId, period = "Annually", @base = 100m })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"{Products}/{productId}", new { convertPrice = true })).EnsureSuccessStatusCode();
        (await PricesAsync(productId)).Should().BeEmpty();

        (await client.PostAsJsonAsync($"{Products}/{productId}/prices", new { currencyId = usd, period = "Monthly", @base = 10.00m, setup = 9.99m })).EnsureSuccessStatusCode();

        var rows = await PricesAsync(productId);
        rows.Should().HaveCount(3);
        var plnMonthly = rows.Single(r => r.CurrencyId == plnId);
        (plnMonthly.Period, plnMonthly.Base, plnMonthly.Setup, plnMonthly.IsDerived).Should().Be((PricePeriod.Monthly, 43.22m, 43.17m, true));
        var jpyMonthly = rows.Single(r => r.CurrencyId == jpyId);
        (jpyMonthly.Base, jpyMonthly.Setup).Should().Be((1615m, 1613m));
        rows.Single(r => r.CurrencyId == usd).IsDerived.Should().BeFalse();

        // Other currencies cannot be typed by hand while the product converts, and derived rows cannot be edited.
        var typed = await client.PostAsJsonAsync($"{Products}/{productId}/prices", new { currencyId = plnId, period = "Daily", @base = 2m });
        typed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await typed.JsonAsync()).GetProperty("errors").GetProperty("currencyId")[0].GetString().Should().Contain("converts its prices");
        (await client.DeleteAsync($"{Products}/{productId}/prices/{plnMonthly.Id}")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // A new rate reaches the derived rows when the currency is saved…
        (await client.PutAsJsonAsync($"/api/admin/v1/currencies/{plnId}", new { code = "PLN", suffix = "zł", exchangeRate = 4m, format = "SpaceComma", isDefault = false })).EnsureSuccessStatusCode();
        (await PricesAsync(productId)).Single(r => r.CurrencyId == plnId).Base.Should().Be(40.00m);
        // …and the Products-tab schedule repairs rows that drifted by any other way.
        var schedules = await (await client.GetAsync("/api/admin/v1/schedules")).JsonAsync();
        var conversion = schedules.EnumerateArray().Single(x => x.GetProperty("key").GetString() == PriceConversion.ScheduleKey);
        conversion.GetProperty("tab").GetString().Should().Be("Products");
        conversion.GetProperty("enabled").GetBoolean().Should().BeTrue();
        await using (var db = _app.CreateDbContext())
            await db.ProductPrices.Where(p => p.CurrencyId == plnId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Base, 1m));
        await RunScheduleAsync();
        (await PricesAsync(productId)).Single(r => r.CurrencyId == plnId).Base.Should().Be(40.00m);

        // A currency with only derived prices can go; their rows go with it.
        (await client.DeleteAsync($"/api/admin/v1/currencies/{jpyId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await PricesAsync(productId)).Should().HaveCount(2);

        // Switching conversion off keeps the rows, now as ordinary prices, and the currency cannot be deleted under them.
        (await client.PutAsJsonAsync($"{Products}/{productId}", new { convertPrice = false })).EnsureSuccessStatusCode();
        (await PricesAsync(productId)).Should().HaveCount(2).And.OnlyContain(r => !r.IsDerived);
        (await client.DeleteAsync($"/api/admin/v1/currencies/{plnId}")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // Deleting the USD row of a converting product takes its derived rows along.
        (await client.PutAsJsonAsync($"{Products}/{productId}", new { convertPrice = true })).EnsureSuccessStatusCode();
        var usdRow = (await PricesAsync(productId)).Single(r => r.CurrencyId == usd);
        (await client.DeleteAsync($"{Products}/{productId}/prices/{usdRow.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await PricesAsync(productId)).Should().BeEmpty();

        // Another default currency: the rates are rebased on it (PLN 4 → 1, USD 1 → 0.25), so converted prices stay what
        // they were; left as they were, USD would have been read as 1 PLN and $10.00 become $40.00.
        (await client.PostAsJsonAsync($"{Products}/{productId}/prices", new { currencyId = usd, period = "Monthly", @base = 10.00m })).EnsureSuccessStatusCode();
        (await PricesAsync(productId)).Single(r => r.CurrencyId == plnId).Base.Should().Be(40.00m);
        (await client.PutAsJsonAsync($"/api/admin/v1/currencies/{plnId}", new { code = "PLN", suffix = "zł", exchangeRate = 4m, format = "SpaceComma", isDefault = true })).EnsureSuccessStatusCode();
        await using (var db = _app.CreateDbContext())
            (await db.Currencies.Where(c => c.Id == usd || c.Id == plnId).OrderBy(c => c.Code).Select(c => c.ExchangeRate).ToListAsync()).Should().Equal(1m, 0.25m);
        var rebased = await PricesAsync(productId);
        (rebased.Single(r => r.CurrencyId == plnId).Base, rebased.Single(r => r.CurrencyId == usd).Base).Should().Be((40.00m, 10.00m));

        // Switching conversion on keeps a price services were sold at even without a source in the default currency: it
        // stays as typed (its delete failed on the services' reference, a 500 that left the product unable to convert).
        var sold = (await (await client.PostAsJsonAsync(Products, new { key = CatalogData.UniqueKey("dedicated") })).JsonAsync()).GetProperty("id").GetGuid();
        (await client.PutAsJsonAsync($"{Products}/{sold}", new { isActive = true, isVisible = true })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"{Products}/{sold}/prices", new { currencyId = plnId, period = "Monthly", @base = 40m })).EnsureSuccessStatusCode();
        var annual = (await (await client.PostAsJsonAsync($"{Products}/{sold}/prices", new { currencyId = usd, period = "Annually", @base = 100m })).JsonAsync()).GetProperty("id").GetGuid();
        await client.CreateServiceAsync(await client.CreateBillingClientAsync("Annual Buyer Ltd"), (sold, annual), startNow: false);
        var converted = await client.PutAsJsonAsync($"{Products}/{sold}", new { convertPrice = true });
        converted.StatusCode.Should().Be(HttpStatusCode.OK, await converted.Content.ReadAsStringAsync());
        var kept = await PricesAsync(sold);
        kept.Single(r => r.Id == annual).Should().Match<ProductPrice>(r => r.Base == 100m && !r.IsDerived);
        kept.Single(r => r.CurrencyId == usd && r.Period == PricePeriod.Monthly).Should().Match<ProductPrice>(r => r.Base == 10.00m && r.IsDerived);

        // A currency created as the default brings its rate against the old default: 0.25 CHF to the złoty.
        (await client.PostAsJsonAsync("/api/admin/v1/currencies", new { code = "CHF", suffix = "CHF", exchangeRate = 0.25m, format = "CommaDot", isDefault = true }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await using (var db = _app.CreateDbContext())
            (await db.Currencies.Where(c => c.Id == usd || c.Id == plnId).OrderBy(c => c.Code).Select(c => c.ExchangeRate).ToListAsync()).Should().Equal(4m, 1m);
    }

    private async Task RunScheduleAsync()
    {
        using var scope = _app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PriceConversion>().RecomputeAllAsync(CancellationToken.None);
    }

    private async Task<List<ProductPrice>> PricesAsync(Guid productId)
    {
        await using var db = _app.CreateDbContext();
        return await db.ProductPrices.AsNoTracking().Where(p => p.ProductId == productId).ToListAsync();
    }
}

public sealed class SqlitePriceConversionTests() : PriceConversionTests(TestDatabase.Sqlite);

public sealed class PostgresPriceConversionTests() : PriceConversionTests(TestDatabase.Postgres);
