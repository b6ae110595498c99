using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>The product's price rows, by currency code then period.</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListProductPrices(Guid ProductId) : IQuery<IReadOnlyList<PriceDto>>;

public sealed class ListProductPricesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListProductPrices, IReadOnlyList<PriceDto>>
{
    public async Task<IReadOnlyList<PriceDto>> Handle(ListProductPrices request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductRules.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var rows = await db.ProductPrices.AsNoTracking().Include(p => p.Currency).Where(p => p.ProductId == request.ProductId).ToListAsync(cancellationToken);
        return PriceRules.Ordered(rows.Select(r => PriceRules.ToDto(r, r.Currency!)));
    }
}
