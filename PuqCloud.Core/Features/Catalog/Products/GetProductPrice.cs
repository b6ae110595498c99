using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>One price row of the product, typed by hand or derived.</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record GetProductPrice(Guid ProductId, Guid PriceId) : IQuery<PriceDto>;

public sealed class GetProductPriceHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetProductPrice, PriceDto>
{
    public async Task<PriceDto> Handle(GetProductPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ProductPrices.AsNoTracking().Include(p => p.Currency)
            .FirstOrDefaultAsync(p => p.Id == request.PriceId && p.ProductId == request.ProductId, cancellationToken)
            ?? throw new NotFoundException("The product has no such price.");
        return PriceRules.ToDto(row, row.Currency!);
    }
}
