using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.ProductGroupsDelete)]
public sealed record DeleteProductGroup(Guid Id) : ICommand<Unit>;

public sealed class DeleteProductGroupHandler(IDbContextFactory<AppDbContext> contexts, IImageStore images) : IRequestHandler<DeleteProductGroup, Unit>
{
    public async Task<Unit> Handle(DeleteProductGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(ProductGroupRules.NotFound);
        // The products stay: a group only lists them.
        db.ProductGroups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        images.Delete(group.IconPath);
        images.Delete(group.BackgroundPath);
        return Unit.Value;
    }
}
