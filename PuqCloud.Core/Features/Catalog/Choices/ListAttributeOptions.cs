using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>An attribute as a choice in a picker (a product's Attributes tab), with its group to organise the list by.</summary>
public sealed record AttributeOption(Guid Id, string Key, string Name, Guid GroupId, string GroupKey, string GroupName);

/// <summary>Every attribute, ordered by group key then attribute key, for attaching to products.</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListAttributeOptions(string? Language = null) : IQuery<IReadOnlyList<AttributeOption>>;

public sealed class ListAttributeOptionsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListAttributeOptions, IReadOnlyList<AttributeOption>>
{
    public async Task<IReadOnlyList<AttributeOption>> Handle(ListAttributeOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
                from a in db.ProductAttributes.AsNoTracking()
                join g in db.AttributeGroups.AsNoTracking() on a.AttributeGroupId equals g.Id
                orderby g.Key, a.Key
                select new { a.Id, a.Key, a.Name, GroupId = g.Id, GroupKey = g.Key, GroupName = g.Name })
            .ToListAsync(cancellationToken);
        var language = request.Language ?? Languages.Current;
        return rows.Select(r => new AttributeOption(r.Id, r.Key, Translations.Resolve(r.Name, language, r.Key),
            r.GroupId, r.GroupKey, Translations.Resolve(r.GroupName, language, r.GroupKey))).ToList();
    }
}
