using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>A product that can be added to a group.</summary>
public sealed record ProductChoice(Guid Id, string Key, string Name);

/// <summary>Products not yet in the group, for its "Add products" picker.</summary>
[RequiresPermission(Permissions.ProductGroupsView)]
public sealed record ListProductsOutsideGroup(Guid GroupId) : IQuery<IReadOnlyList<ProductChoice>>;

public sealed class ListProductsOutsideGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListProductsOutsideGroup, IReadOnlyList<ProductChoice>>
{
    public async Task<IReadOnlyList<ProductChoice>> Handle(ListProductsOutsideGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.AsNoTracking()
            .Where(p => !db.ProductGroupItems.Any(i => i.ProductGroupId == request.GroupId && i.ProductId == p.Id))
            .OrderBy(p => p.Key).Select(p => new { p.Id, p.Key, p.Name }).ToListAsync(cancellationToken);
        return products.Select(p => new ProductChoice(p.Id, p.Key, Translations.Resolve(p.Name, ProductGroupRules.Language, p.Key))).ToList();
    }
}
