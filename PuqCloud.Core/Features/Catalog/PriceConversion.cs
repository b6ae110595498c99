using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>
/// "Convert price" products: their prices in every other currency are derived from the default currency's
/// rows by the exchange rate, at the currency's precision (<see cref="PriceRules.Convert"/>). Derived rows
/// are marked and read-only; a non-default row without a default-currency source is removed, unless services were sold
/// at it (they are billed by it: it stays, as a typed row). When a product
/// stops converting, its derived rows stay as ordinary rows, so no price disappears.
/// Runs when a product's prices change, when currencies change, and as a Products-tab schedule.
/// </summary>
public sealed class PriceConversion(IDbContextFactory<AppDbContext> contexts, ILogger<PriceConversion> logger)
{
    public const string ScheduleKey = "products:convert-prices";

    public static ScheduleDefinition Definition() => new(ScheduleKey, ScheduleTabs.Products, "Convert product prices",
        "For products with Convert price on, derives the prices in other currencies from the default currency's prices by the exchange rates.",
        "*/30 * * * *", true, (sp, ct) => sp.GetRequiredService<PriceConversion>().RecomputeAllAsync(ct));

    /// <summary>
    /// Brings one product's derived rows in line, in the caller's context (and transaction); the caller saves.
    /// Returns how many rows were added, changed or removed.
    /// </summary>
    public static async Task<int> RecomputeProductAsync(AppDbContext db, Guid productId, CancellationToken cancellationToken) =>
        await RecomputeProductAsync(db, productId, await db.Currencies.AsNoTracking().ToListAsync(cancellationToken), cancellationToken);

    private static async Task<int> RecomputeProductAsync(AppDbContext db, Guid productId, IReadOnlyList<Currency> currencies, CancellationToken cancellationToken)
    {
        var product = await db.Products.Include(p => p.Prices).FirstOrDefaultAsync(p => p.Id == productId, cancellationToken);
        if (product is null) return 0;
        var sold = (await db.Services.Where(s => s.ProductId == productId).Select(s => s.ProductPriceId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        return Recompute(db, product, currencies, sold);
    }

    /// <summary>Every product that converts, or still has derived rows, one product per transaction. Returns the rows changed.</summary>
    public async Task<int> RecomputeAllAsync(CancellationToken cancellationToken)
    {
        List<Guid> ids;
        List<Currency> currencies;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.Products.Where(p => p.ConvertPrice || p.Prices.Any(x => x.IsDerived)).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
            currencies = await db.Currencies.AsNoTracking().ToListAsync(cancellationToken);
        }
        var changed = 0;
        foreach (var id in ids)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                changed += await RecomputeProductAsync(db, id, currencies, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // A person changed the same prices meanwhile; their save recomputes, the next run catches up.
                logger.LogWarning(ex, "Converting the prices of product {ProductId} collided with another change", id);
            }
        }
        return changed;
    }

    private static int Recompute(AppDbContext db, Product product, IReadOnlyList<Currency> currencies, IReadOnlySet<Guid> soldPriceIds)
    {
        var changed = 0;
        if (!product.ConvertPrice)
        {
            foreach (var row in product.Prices.Where(p => p.IsDerived)) { row.IsDerived = false; changed++; }
            return changed;
        }
        var defaultCurrency = currencies.FirstOrDefault(c => c.IsDefault);
        if (defaultCurrency is null) return 0;
        var sources = product.Prices.Where(p => p.CurrencyId == defaultCurrency.Id).ToList();
        foreach (var source in sources.Where(s => s.IsDerived)) { source.IsDerived = false; changed++; }

        foreach (var currency in currencies.Where(c => !c.IsDefault))
        {
            foreach (var source in sources)
            {
                var target = product.Prices.FirstOrDefault(p => p.CurrencyId == currency.Id && p.Period == source.Period);
                if (target is null)
                {
                    target = new ProductPrice { ProductId = product.Id, CurrencyId = currency.Id, Period = source.Period };
                    product.Prices.Add(target);
                    db.ProductPrices.Add(target);
                }
                if (SetConverted(target, source, currency)) changed++;
            }
            foreach (var orphan in product.Prices.Where(p => p.CurrencyId == currency.Id && sources.All(s => s.Period != p.Period)).ToList())
            {
                if (soldPriceIds.Contains(orphan.Id))
                {
                    // Services are billed by it (and the database would refuse its delete): it stays as a typed price.
                    if (orphan.IsDerived) { orphan.IsDerived = false; changed++; }
                    continue;
                }
                product.Prices.Remove(orphan);
                db.ProductPrices.Remove(orphan);
                changed++;
            }
        }
        return changed;
    }

    /// <summary>Sets the target's amounts to the converted source's; true when anything changed.</summary>
    private static bool SetConverted(ProductPrice target, ProductPrice source, Currency currency)
    {
        decimal Convert(decimal amount) => PriceRules.Convert(amount, currency.ExchangeRate, currency.Decimals);
        var before = (target.Setup, target.Base, target.Idle, target.SwitchDown, target.SwitchUp, target.Uninstall, target.IsDerived);
        (target.Setup, target.Base, target.Idle, target.SwitchDown, target.SwitchUp, target.Uninstall, target.IsDerived) =
            (Convert(source.Setup), Convert(source.Base), Convert(source.Idle), Convert(source.SwitchDown), Convert(source.SwitchUp), Convert(source.Uninstall), true);
        return before != (target.Setup, target.Base, target.Idle, target.SwitchDown, target.SwitchUp, target.Uninstall, target.IsDerived);
    }
}
