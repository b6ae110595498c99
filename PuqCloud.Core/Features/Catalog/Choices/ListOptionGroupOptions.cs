using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>An option group as a choice in a picker (a product's Options tab). Name is resolved to one language.</summary>
public sealed record OptionGroupOption(Guid Id, string Key, string Name);

/// <summary>Every option group in list order, for attaching to products. Names in <paramref name="Language"/> (the current UI language when null).</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListOptionGroupOptions(string? Language = null) : IQuery<IReadOnlyList<OptionGroupOption>>;

public sealed class ListOptionGroupOptionsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListOptionGroupOptions, IReadOnlyList<OptionGroupOption>>
{
    public async Task<IReadOnlyList<OptionGroupOption>> Handle(ListOptionGroupOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.OptionGroups.AsNoTracking()
            .OrderBy(g => g.Position).ThenBy(g => g.Key)
            .Select(g => new { g.Id, g.Key, g.Name })
            .ToListAsync(cancellationToken);
        // Names are JSON per language: resolved after loading.
        return groups.Select(g => new OptionGroupOption(g.Id, g.Key, Translations.Resolve(g.Name, request.Language ?? Languages.Current, g.Key))).ToList();
    }
}
