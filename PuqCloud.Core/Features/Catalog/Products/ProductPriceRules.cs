using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Steps that several ProductPrice use cases share.</summary>
internal static class ProductPriceRules
{
    /// <summary>
    /// Refuses deleting a price row that services were sold at (ended ones too: their history names it), or, for a row of
    /// the default currency, the derived rows of its period that go with it: services bill by the row itself.
    /// </summary>
    internal static async Task EnsureNotSoldAsync(AppDbContext db, ProductPrice row, CancellationToken cancellationToken)
    {
        var isDefault = await db.Currencies.AnyAsync(c => c.Id == row.CurrencyId && c.IsDefault, cancellationToken);
        var sold = await db.Services.CountAsync(s => s.ProductPriceId == row.Id
            || (isDefault && db.ProductPrices.Any(p => p.Id == s.ProductPriceId && p.ProductId == row.ProductId && p.IsDerived && p.Period == row.Period)), cancellationToken);
        if (sold > 0)
            throw new RuleViolationException($"{sold} service(s) were sold at this price (or at the converted prices that follow it) and are billed by it: " +
                                             "change its amounts, or retire the product, instead of deleting it.");
    }

    internal static async Task<ProductPrice> FindEditableAsync(AppDbContext db, Guid productId, Guid priceId, CancellationToken cancellationToken)
    {
        var row = await db.ProductPrices.FirstOrDefaultAsync(p => p.Id == priceId && p.ProductId == productId, cancellationToken)
            ?? throw new NotFoundException("The product has no such price.");
        if (row.IsDerived)
            throw new RuleViolationException("This price is computed from the default currency's price by the exchange rate. Change that price, or switch Convert price off.");
        return row;
    }

    /// <summary>
    /// One row per currency and period: a second one is a field error, not a database failure. (Only a new row can clash:
    /// a row keeps its currency and period, <see cref="PriceRules.EnsureSameCurrencyAndPeriod"/>.)
    /// </summary>
    internal static async Task EnsureFreeAsync(AppDbContext db, Guid productId, IPriceFields input, string currencyCode, CancellationToken cancellationToken)
    {
        if (await db.ProductPrices.AnyAsync(p => p.ProductId == productId && p.CurrencyId == input.CurrencyId && p.Period == input.Period, cancellationToken))
            throw Duplicate(input, currencyCode);
    }

    /// <summary>
    /// A "convert price" product takes typed prices in the default currency only: the others are derived from them
    /// and a typed one would be overwritten or dropped by the next conversion.
    /// </summary>
    internal static void EnsureTypedByHand(Product product, Domain.Reference.Currency currency)
    {
        if (product.ConvertPrice && !currency.IsDefault)
            throw RequestValidationException.For(nameof(IPriceFields.CurrencyId),
                $"This product converts its prices: enter them in the default currency, and {currency.Code} follows by the exchange rate.");
    }

    /// <summary>Saves the row and brings the derived rows in line with it, in one transaction.</summary>
    internal static async Task SaveAndConvertAsync(AppDbContext db, Guid productId, IPriceFields input, string currencyCode, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index caught the same row added at the same moment.
            throw Duplicate(input, currencyCode);
        }
        await PriceConversion.RecomputeProductAsync(db, productId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    internal static RequestValidationException Duplicate(IPriceFields input, string currencyCode) =>
        RequestValidationException.For(nameof(IPriceFields.Period), $"The product already has a {input.Period} price in {currencyCode}: edit that row instead.");
}
