using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>The new order of all option groups (every id exactly once).</summary>
[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record ReorderOptionGroups(IReadOnlyList<Guid> Ids) : ICommand<Unit>;

public sealed class ReorderOptionGroupsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ReorderOptionGroups, Unit>
{
    public async Task<Unit> Handle(ReorderOptionGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.OptionGroups.ToListAsync(cancellationToken);
        CatalogPositions.Apply(request.Ids, groups, g => g.Id, (g, position) => g.Position = position, "List every option group exactly once.");
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
