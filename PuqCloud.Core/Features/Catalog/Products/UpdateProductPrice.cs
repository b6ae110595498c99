using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Changes a row typed by hand (derived rows follow the default currency's and are refused).</summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record UpdateProductPrice(Guid ProductId, Guid PriceId, Guid CurrencyId, PricePeriod Period, decimal Setup, decimal Base, decimal Idle,
    decimal SwitchDown, decimal SwitchUp, decimal? Uninstall) : ICommand<PriceDto>, IPriceFields;

public sealed class UpdateProductPriceValidator : PriceFieldsValidator<UpdateProductPrice>;

public sealed class UpdateProductPriceHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<UpdateProductPrice, PriceDto>
{
    public async Task<PriceDto> Handle(UpdateProductPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await ProductPriceRules.FindEditableAsync(db, request.ProductId, request.PriceId, cancellationToken);
        PriceRules.EnsureSameCurrencyAndPeriod(row, request);
        var currency = await PriceRules.CheckAsync(db, request, cancellationToken);
        ProductPriceRules.EnsureTypedByHand(await ProductRules.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken), currency);
        PriceRules.Apply(row, request);
        await ProductPriceRules.SaveAndConvertAsync(db, request.ProductId, request, currency.Code, cancellationToken);
        return PriceRules.ToDto(row, currency);
    }
}
