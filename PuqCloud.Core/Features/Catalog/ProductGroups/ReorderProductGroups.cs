using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>The new order of all groups (every id exactly once).</summary>
[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record ReorderProductGroups(IReadOnlyList<Guid> Ids) : ICommand<Unit>;

public sealed class ReorderProductGroupsValidator : AbstractValidator<ReorderProductGroups>
{
    public ReorderProductGroupsValidator() => RuleFor(x => x.Ids).NotNull();
}

public sealed class ReorderProductGroupsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ReorderProductGroups, Unit>
{
    public async Task<Unit> Handle(ReorderProductGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.ProductGroups.ToListAsync(cancellationToken);
        CatalogPositions.Apply(request.Ids, groups, g => g.Id, (g, position) => g.Position = position, "List every product group exactly once.");
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
