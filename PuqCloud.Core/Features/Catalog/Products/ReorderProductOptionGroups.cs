using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Puts the product's option groups in the given order: every attached group, each once.</summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record ReorderProductOptionGroups(Guid ProductId, IReadOnlyList<Guid> OptionGroupIds) : ICommand<Unit>;

public sealed class ReorderProductOptionGroupsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ReorderProductOptionGroups, Unit>
{
    public async Task<Unit> Handle(ReorderProductOptionGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductRules.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var links = await db.ProductOptionGroupLinks.Where(l => l.ProductId == request.ProductId).ToListAsync(cancellationToken);
        CatalogPositions.Apply(request.OptionGroupIds, links, l => l.OptionGroupId, (l, position) => l.Position = position,
            "List every option group of the product exactly once (the list changed meanwhile? reload and try again).", nameof(request.OptionGroupIds));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
