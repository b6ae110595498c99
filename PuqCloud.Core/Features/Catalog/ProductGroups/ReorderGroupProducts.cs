using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>The new order of the group's products (every product of the group exactly once).</summary>
[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record ReorderGroupProducts(Guid GroupId, IReadOnlyList<Guid> ProductIds) : ICommand<ProductGroupDetails>;

public sealed class ReorderGroupProductsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ReorderGroupProducts, ProductGroupDetails>
{
    public async Task<ProductGroupDetails> Handle(ReorderGroupProducts request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.Include(g => g.Items).FirstOrDefaultAsync(g => g.Id == request.GroupId, cancellationToken) ?? throw new NotFoundException(ProductGroupRules.NotFound);
        CatalogPositions.Apply(request.ProductIds, group.Items, i => i.ProductId, (i, position) => i.Position = position,
            "List every product of the group exactly once.", nameof(request.ProductIds));
        await db.SaveChangesAsync(cancellationToken);
        return await ProductGroupRules.DetailsAsync(db, group.Id, cancellationToken);
    }
}
