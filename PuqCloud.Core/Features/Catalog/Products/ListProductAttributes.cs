using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>An attribute a product carries, with its group. Names in the asked language.</summary>
public sealed record ProductAttributeDto(Guid AttributeId, string Key, string Name, bool IsVisible, Guid GroupId, string GroupKey, string GroupName);

/// <summary>The product's attributes, by group key then attribute key.</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListProductAttributes(Guid ProductId, string? Language = null) : IQuery<IReadOnlyList<ProductAttributeDto>>;

public sealed class ListProductAttributesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListProductAttributes, IReadOnlyList<ProductAttributeDto>>
{
    public async Task<IReadOnlyList<ProductAttributeDto>> Handle(ListProductAttributes request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductRules.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var rows = await (
                from l in db.ProductAttributeLinks.AsNoTracking()
                join a in db.ProductAttributes.AsNoTracking() on l.AttributeId equals a.Id
                join g in db.AttributeGroups.AsNoTracking() on a.AttributeGroupId equals g.Id
                where l.ProductId == request.ProductId
                orderby g.Key, a.Key
                select new { a.Id, a.Key, a.Name, a.IsVisible, GroupId = g.Id, GroupKey = g.Key, GroupName = g.Name })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ProductAttributeDto(r.Id, r.Key, Translations.Resolve(r.Name, request.Language, r.Key), r.IsVisible,
            r.GroupId, r.GroupKey, Translations.Resolve(r.GroupName, request.Language, r.GroupKey))).ToList();
    }
}
