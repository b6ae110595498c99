using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Deletes a group no product offers (refused while products do: they would silently lose a choice and its prices).</summary>
[RequiresPermission(Permissions.OptionGroupsDelete)]
public sealed record DeleteOptionGroup(Guid Id) : ICommand<Unit>;

public sealed class DeleteOptionGroupHandler(IDbContextFactory<AppDbContext> contexts, IImageStore images) : IRequestHandler<DeleteOptionGroup, Unit>
{
    public async Task<Unit> Handle(DeleteOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.OptionGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(OptionGroupRules.NotFound);
        var products = await db.ProductOptionGroupLinks.CountAsync(l => l.OptionGroupId == group.Id, cancellationToken);
        if (products > 0)
            throw new RuleViolationException($"The option group {group.Key} is offered with {products} product(s): remove it from them first.");
        await OptionRules.EnsureNotHeldAsync(db, db.ProductOptions.Where(o => o.OptionGroupId == group.Id).Select(o => o.Id), "options of this group", cancellationToken);
        db.OptionGroups.Remove(group);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The link's restrict is the backstop when a product took the group meanwhile.
            throw new RuleViolationException($"The option group {group.Key} was just added to a product: remove it from the product first.");
        }
        images.Delete(group.IconPath);
        images.Delete(group.BackgroundPath);
        return Unit.Value;
    }
}
