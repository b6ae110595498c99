using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

public sealed record AttributeGroupRow(Guid Id, string Key, string Name, string? IconPath, bool IsVisible, int AttributeCount);

[RequiresPermission(Permissions.AttributeGroupsView)]
public sealed record ListAttributeGroups(PageRequest Page) : IQuery<PagedResult<AttributeGroupRow>>;

public sealed class ListAttributeGroupsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListAttributeGroups, PagedResult<AttributeGroupRow>>
{
    private static readonly SortMap<AttributeGroup> Sorts = new SortMap<AttributeGroup>("key")
        .Add("key", g => g.Key)
        .Add("isVisible", g => g.IsVisible)
        .Add("attributeCount", g => g.Attributes.Count);

    public async Task<PagedResult<AttributeGroupRow>> Handle(ListAttributeGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AttributeGroups.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            // Names are JSON of language → text; matching the stored text finds a name in any language.
            query = query.Where(g => EF.Functions.Like(g.Key.ToLower(), pattern, "\\") || EF.Functions.Like(((string)(object)g.Name).ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, g => new { Group = g, Attributes = g.Attributes.Count }, cancellationToken);
        return new PagedResult<AttributeGroupRow>(page.Items.Select(i => new AttributeGroupRow(i.Group.Id, i.Group.Key,
            Translations.Resolve(i.Group.Name, Languages.Current, i.Group.Key), i.Group.IconPath, i.Group.IsVisible, i.Attributes)).ToList(),
            page.Total, page.Page, page.PageSize);
    }
}
