using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>The product's price rows, by currency code then period.</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListProductPrices(Guid ProductId) : IQuery<IReadOnlyList<PriceDto>>;

/// <summary>Adds a row for a currency and period the product has no price for yet.</summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record AddProductPrice(Guid ProductId, Guid CurrencyId, PricePeriod Period, decimal Setup, decimal Base, decimal Idle, decimal SwitchDown,
    decimal SwitchUp, decimal? Uninstall) : ICommand<PriceDto>, IPriceFields;

/// <summary>Changes a row typed by hand (derived rows follow the default currency's and are refused).</summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record UpdateProductPrice(Guid ProductId, Guid PriceId, Guid CurrencyId, PricePeriod Period, decimal Setup, decimal Base, decimal Idle,
    decimal SwitchDown, decimal SwitchUp, decimal? Uninstall) : ICommand<PriceDto>, IPriceFields;

[RequiresPermission(Permissions.ProductsEdit)]
public sealed record DeleteProductPrice(Guid ProductId, Guid PriceId) : ICommand<Unit>;

public sealed class AddProductPriceValidator : PriceFieldsValidator<AddProductPrice>;

public sealed class UpdateProductPriceValidator : PriceFieldsValidator<UpdateProductPrice>;

public sealed class ProductPriceHandlers(IDbContextFactory<AppDbContext> contexts) :
    IRequestHandler<ListProductPrices, IReadOnlyList<PriceDto>>,
    IRequestHandler<AddProductPrice, PriceDto>,
    IRequestHandler<UpdateProductPrice, PriceDto>,
    IRequestHandler<DeleteProductPrice, Unit>
{
    public async Task<IReadOnlyList<PriceDto>> Handle(ListProductPrices request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductHandlers.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var rows = await db.ProductPrices.AsNoTracking().Include(p => p.Currency).Where(p => p.ProductId == request.ProductId).ToListAsync(cancellationToken);
        return PriceRules.Ordered(rows.Select(r => PriceRules.ToDto(r, r.Currency!)));
    }

    public async Task<PriceDto> Handle(AddProductPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await ProductHandlers.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var currency = await PriceRules.CheckAsync(db, request, cancellationToken);
        EnsureTypedByHand(product, currency);
        await EnsureFreeAsync(db, request.ProductId, null, request, currency.Code, cancellationToken);
        var row = new ProductPrice { ProductId = request.ProductId };
        PriceRules.Apply(row, request);
        db.ProductPrices.Add(row);
        await SaveAndConvertAsync(db, request.ProductId, request, currency.Code, cancellationToken);
        return PriceRules.ToDto(row, currency);
    }

    public async Task<PriceDto> Handle(UpdateProductPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await FindEditableAsync(db, request.ProductId, request.PriceId, cancellationToken);
        var currency = await PriceRules.CheckAsync(db, request, cancellationToken);
        EnsureTypedByHand(await ProductHandlers.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken), currency);
        await EnsureFreeAsync(db, request.ProductId, row.Id, request, currency.Code, cancellationToken);
        PriceRules.Apply(row, request);
        await SaveAndConvertAsync(db, request.ProductId, request, currency.Code, cancellationToken);
        return PriceRules.ToDto(row, currency);
    }

    public async Task<Unit> Handle(DeleteProductPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ProductPrices.Remove(await FindEditableAsync(db, request.ProductId, request.PriceId, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        // A default-currency row takes its derived rows with it.
        await PriceConversion.RecomputeProductAsync(db, request.ProductId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    private static async Task<ProductPrice> FindEditableAsync(AppDbContext db, Guid productId, Guid priceId, CancellationToken cancellationToken)
    {
        var row = await db.ProductPrices.FirstOrDefaultAsync(p => p.Id == priceId && p.ProductId == productId, cancellationToken)
            ?? throw new NotFoundException("The product has no such price.");
        if (row.IsDerived)
            throw new RuleViolationException("This price is computed from the default currency's price by the exchange rate. Change that price, or switch Convert price off.");
        return row;
    }

    /// <summary>One row per currency and period: a second one is a field error, not a database failure.</summary>
    private static async Task EnsureFreeAsync(AppDbContext db, Guid productId, Guid? rowId, IPriceFields input, string currencyCode, CancellationToken cancellationToken)
    {
        if (await db.ProductPrices.AnyAsync(p => p.ProductId == productId && p.CurrencyId == input.CurrencyId && p.Period == input.Period && p.Id != rowId, cancellationToken))
            throw Duplicate(input, currencyCode);
    }

    /// <summary>
    /// A "convert price" product takes typed prices in the default currency only: the others are derived from them
    /// and a typed one would be overwritten or dropped by the next conversion.
    /// </summary>
    private static void EnsureTypedByHand(Product product, Domain.Reference.Currency currency)
    {
        if (product.ConvertPrice && !currency.IsDefault)
            throw RequestValidationException.For(nameof(IPriceFields.CurrencyId),
                $"This product converts its prices: enter them in the default currency, and {currency.Code} follows by the exchange rate.");
    }

    /// <summary>Saves the row and brings the derived rows in line with it, in one transaction.</summary>
    private static async Task SaveAndConvertAsync(AppDbContext db, Guid productId, IPriceFields input, string currencyCode, CancellationToken cancellationToken)
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

    private static RequestValidationException Duplicate(IPriceFields input, string currencyCode) =>
        RequestValidationException.For(nameof(IPriceFields.Period), $"The product already has a {input.Period} price in {currencyCode}: edit that row instead.");
}
