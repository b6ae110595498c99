using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

public sealed record ProductGroupRow(Guid Id, string Key, string Name, string? IconPath, bool IsVisible, int ProductCount, int Position);

[RequiresPermission(Permissions.ProductGroupsView)]
public sealed record ListProductGroups(PageRequest Page) : IQuery<PagedResult<ProductGroupRow>>;

public sealed class ListProductGroupsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListProductGroups, PagedResult<ProductGroupRow>>
{
    private static readonly SortMap<ProductGroup> Sorts = new SortMap<ProductGroup>("position")
        .Add("position", g => g.Position)
        .Add("key", g => g.Key)
        .Add("isVisible", g => g.IsVisible);

    public async Task<PagedResult<ProductGroupRow>> Handle(ListProductGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ProductGroups.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            // Names are JSON of language → text; matching the stored text finds a name in any language.
            query = query.Where(g => EF.Functions.Like(g.Key.ToLower(), pattern, "\\") || EF.Functions.Like(((string)(object)g.Name).ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, g => new { Group = g, Products = g.Items.Count }, cancellationToken);
        return new PagedResult<ProductGroupRow>(page.Items.Select(i => new ProductGroupRow(i.Group.Id, i.Group.Key,
            Translations.Resolve(i.Group.Name, ProductGroupRules.Language, i.Group.Key), i.Group.IconPath, i.Group.IsVisible, i.Products, i.Group.Position)).ToList(),
            page.Total, page.Page, page.PageSize);
    }
}
