using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

public sealed record OptionGroupRow(Guid Id, string Key, string Name, string? IconPath, int Position, int OptionCount, int ProductCount);

[RequiresPermission(Permissions.OptionGroupsView)]
public sealed record ListOptionGroups(PageRequest Page) : IQuery<PagedResult<OptionGroupRow>>;

public sealed class ListOptionGroupsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListOptionGroups, PagedResult<OptionGroupRow>>
{
    private static readonly SortMap<OptionGroup> Sorts = new SortMap<OptionGroup>("position")
        .Add("position", g => g.Position)
        .Add("key", g => g.Key);

    public async Task<PagedResult<OptionGroupRow>> Handle(ListOptionGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.OptionGroups.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            // Names are JSON of language → text; matching the stored text finds a name in any language.
            query = query.Where(g => EF.Functions.Like(g.Key.ToLower(), pattern, "\\") || EF.Functions.Like(((string)(object)g.Name).ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts,
            g => new { Group = g, Options = g.Options.Count, Products = db.ProductOptionGroupLinks.Count(l => l.OptionGroupId == g.Id) }, cancellationToken);
        return new PagedResult<OptionGroupRow>(page.Items.Select(i => new OptionGroupRow(i.Group.Id, i.Group.Key,
            Translations.Resolve(i.Group.Name, Languages.Current, i.Group.Key), i.Group.IconPath, i.Group.Position, i.Options, i.Products)).ToList(),
            page.Total, page.Page, page.PageSize);
    }
}
