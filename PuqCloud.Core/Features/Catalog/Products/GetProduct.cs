using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.ProductsView)]
public sealed record GetProduct(Guid Id) : IQuery<ProductDto>;

public sealed class GetProductHandler(IDbContextFactory<AppDbContext> contexts, IProductUsage usage) : IRequestHandler<GetProduct, ProductDto>
{
    public async Task<ProductDto> Handle(GetProduct request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ProductRules.ToDtoAsync(usage, await ProductRules.FindAsync(db.Products.AsNoTracking(), request.Id, cancellationToken), cancellationToken);
    }
}
