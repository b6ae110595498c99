using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Adds a row for a currency and period the product has no price for yet.</summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record AddProductPrice(Guid ProductId, Guid CurrencyId, PricePeriod Period, decimal Setup, decimal Base, decimal Idle, decimal SwitchDown,
    decimal SwitchUp, decimal? Uninstall) : ICommand<PriceDto>, IPriceFields;

public sealed class AddProductPriceValidator : PriceFieldsValidator<AddProductPrice>;

public sealed class AddProductPriceHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<AddProductPrice, PriceDto>
{
    public async Task<PriceDto> Handle(AddProductPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await ProductRules.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var currency = await PriceRules.CheckAsync(db, request, cancellationToken);
        ProductPriceRules.EnsureTypedByHand(product, currency);
        await ProductPriceRules.EnsureFreeAsync(db, request.ProductId, request, currency.Code, cancellationToken);
        var row = new ProductPrice { ProductId = request.ProductId };
        PriceRules.Apply(row, request);
        db.ProductPrices.Add(row);
        await ProductPriceRules.SaveAndConvertAsync(db, request.ProductId, request, currency.Code, cancellationToken);
        return PriceRules.ToDto(row, currency);
    }
}
