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
    private PuqAppFactory _app = null!;

    public async Task InitializeAsync() => _app = await PuqAppFactory.StartAsync(database);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Derived_prices_follow_the_default_price_and_the_rates()
    {
        var client = await _app.SuperAdminClientAsync();
        var pln = await (await client.PostAsJsonAsync("/api/admin/v1/currencies", new { code = "PLN", suffix = "zł", exchangeRate = 4.3215m, format = "SpaceComma", isDefault = false })).JsonAsync();
        var jpy = await (await client.PostAsJsonAsync("/api/admin/v1/currencies", new { code = "JPY", prefix = "¥", exchangeRate = 161.5m, format = "CommaDot", isDefault = false })).JsonAsync();
        jpy.GetProperty("decimals").GetInt32().Should().Be(0);
        Guid usd;
        await using (var db = _app.CreateDbContext())
            usd = (await db.Currencies.SingleAsync(c => c.IsDefault)).Id;

        var product = await _app.AddProductAsync();
        var plnId = pln.GetProperty("id").GetGuid();
        await using (var db = _app.CreateDbContext())
        {
            var p = await db.Products.SingleAsync(x => x.Id == product.Id);
            p.ConvertPrice = true;
            db.ProductPrices.Add(new ProductPrice { ProductId = p.Id, CurrencyId = usd, Period = PricePeriod.Monthly, Base = 10.00m, Setup = 9.99m });
            // A hand-made PLN annual row has no USD source: a converting product drops it.
            db.ProductPrices.Add(new ProductPrice { ProductId = p.Id, CurrencyId = plnId, Period = PricePeriod.Annually, Base = 100m });
            await db.SaveChangesAsync();
        }

        await RunScheduleAsync();

        var rows = await PricesAsync(product.Id);
        rows.Should().HaveCount(3);
        var plnMonthly = rows.Single(r => r.CurrencyId == plnId);
        (plnMonthly.Period, plnMonthly.Base, plnMonthly.Setup, plnMonthly.IsDerived).Should().Be((PricePeriod.Monthly, 43.22m, 43.17m, true));
        var jpyMonthly = rows.Single(r => r.CurrencyId == jpy.GetProperty("id").GetGuid());
        (jpyMonthly.Base, jpyMonthly.Setup).Should().Be((1615m, 1613m));
        rows.Single(r => r.CurrencyId == usd).IsDerived.Should().BeFalse();

        // A new rate reaches the derived rows when the currency is saved.
        (await client.PutAsJsonAsync($"/api/admin/v1/currencies/{plnId}", new { code = "PLN", suffix = "zł", exchangeRate = 4m, format = "SpaceComma", isDefault = false })).EnsureSuccessStatusCode();
        (await PricesAsync(product.Id)).Single(r => r.CurrencyId == plnId).Base.Should().Be(40.00m);

        // A currency with only derived prices can go; their rows go with it.
        (await client.DeleteAsync($"/api/admin/v1/currencies/{jpy.GetProperty("id").GetGuid()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await PricesAsync(product.Id)).Should().HaveCount(2);

        // Switching conversion off keeps the rows, now as ordinary prices.
        await using (var db = _app.CreateDbContext())
        {
            (await db.Products.SingleAsync(x => x.Id == product.Id)).ConvertPrice = false;
            await db.SaveChangesAsync();
        }
        await RunScheduleAsync();
        (await PricesAsync(product.Id)).Should().HaveCount(2).And.OnlyContain(r => !r.IsDerived);

        // Now the PLN row is a real price: the currency cannot be deleted under it.
        (await client.DeleteAsync($"/api/admin/v1/currencies/{plnId}")).StatusCode.Should().Be(HttpStatusCode.Conflict);
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
