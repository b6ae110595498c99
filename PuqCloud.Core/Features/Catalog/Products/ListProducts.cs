using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>A row of the products grid; <see cref="Name"/> in the asked language (the key when there is none).</summary>
public sealed record ProductListItem(Guid Id, string Key, string Name, string? IconPath, bool IsVisible, bool IsActive, bool StockControl, int StockQuantity,
    int ServiceCount);

/// <summary>
/// Products by key; sort by key, isVisible, isActive, stockQuantity or createdAt. Names in <paramref name="Language"/>;
/// <paramref name="Active"/> keeps only the active (what can be sold) or only the inactive ones.
/// </summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListProducts(PageRequest Page, string? Language = null, bool? Active = null) : IQuery<PagedResult<ProductListItem>>;

public sealed class ListProductsHandler(IDbContextFactory<AppDbContext> contexts, IProductUsage usage) : IRequestHandler<ListProducts, PagedResult<ProductListItem>>
{
    private static readonly SortMap<Product> Sorts = new SortMap<Product>("key")
        .Add("key", p => p.Key)
        .Add("isVisible", p => p.IsVisible)
        .Add("isActive", p => p.IsActive)
        .Add("stockQuantity", p => p.StockQuantity)
        .Add("createdAt", p => p.CreatedAt);

    public async Task<PagedResult<ProductListItem>> Handle(ListProducts request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Products.AsNoTracking();
        if (request.Active is { } active) query = query.Where(p => p.IsActive == active);
        // Names are JSON per language, so the search looks at keys only.
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            // Names are JSON of language → text; matching the stored text finds a name in any language.
            query = query.Where(p => EF.Functions.Like(p.Key.ToLower(), pattern, "\\") || EF.Functions.Like(((string)(object)p.Name).ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, p => new { p.Id, p.Key, p.Name, p.IconPath, p.IsVisible, p.IsActive, p.StockControl, p.StockQuantity }, cancellationToken);
        var services = await usage.CountServicesAsync(page.Items.Select(p => p.Id).ToList(), cancellationToken);
        return new PagedResult<ProductListItem>(page.Items.Select(p => new ProductListItem(p.Id, p.Key, Translations.Resolve(p.Name, request.Language, p.Key), p.IconPath,
            p.IsVisible, p.IsActive, p.StockControl, p.StockQuantity, services.GetValueOrDefault(p.Id))).ToList(), page.Total, page.Page, page.PageSize);
    }
}
