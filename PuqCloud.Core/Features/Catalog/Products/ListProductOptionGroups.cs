using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

public sealed record ProductOptionItem(Guid Id, string Key, string Name);

/// <summary>An option group offered with a product, at its place among the product's groups, with its options in the group's order.</summary>
public sealed record ProductOptionGroupDto(Guid OptionGroupId, string Key, string Name, int Position, IReadOnlyList<ProductOptionItem> Options);

/// <summary>The product's option groups in the product's order.</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListProductOptionGroups(Guid ProductId, string? Language = null) : IQuery<IReadOnlyList<ProductOptionGroupDto>>;

public sealed class ListProductOptionGroupsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListProductOptionGroups, IReadOnlyList<ProductOptionGroupDto>>
{
    public async Task<IReadOnlyList<ProductOptionGroupDto>> Handle(ListProductOptionGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductRules.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var groups = await db.ProductOptionGroupLinks.AsNoTracking().Where(l => l.ProductId == request.ProductId)
            .OrderBy(l => l.Position).ThenBy(l => l.OptionGroup!.Key)
            .Select(l => new { l.OptionGroupId, l.OptionGroup!.Key, l.OptionGroup.Name, l.Position })
            .ToListAsync(cancellationToken);
        var groupIds = groups.Select(g => g.OptionGroupId).ToList();
        var options = (await db.ProductOptions.AsNoTracking().Where(o => groupIds.Contains(o.OptionGroupId))
                .OrderBy(o => o.Position).ThenBy(o => o.Key)
                .Select(o => new { o.OptionGroupId, o.Id, o.Key, o.Name }).ToListAsync(cancellationToken))
            .ToLookup(o => o.OptionGroupId);
        return groups.Select(g => new ProductOptionGroupDto(g.OptionGroupId, g.Key, Translations.Resolve(g.Name, request.Language, g.Key), g.Position,
            options[g.OptionGroupId].Select(o => new ProductOptionItem(o.Id, o.Key, Translations.Resolve(o.Name, request.Language, o.Key))).ToList())).ToList();
    }
}
