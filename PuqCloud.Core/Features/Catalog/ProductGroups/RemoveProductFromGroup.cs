using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record RemoveProductFromGroup(Guid GroupId, Guid ProductId) : ICommand<ProductGroupDetails>;

public sealed class RemoveProductFromGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<RemoveProductFromGroup, ProductGroupDetails>
{
    public async Task<ProductGroupDetails> Handle(RemoveProductFromGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.Include(g => g.Items).FirstOrDefaultAsync(g => g.Id == request.GroupId, cancellationToken) ?? throw new NotFoundException(ProductGroupRules.NotFound);
        var item = group.Items.FirstOrDefault(i => i.ProductId == request.ProductId) ?? throw new NotFoundException("The product is not in this group.");
        group.Items.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        return await ProductGroupRules.DetailsAsync(db, group.Id, cancellationToken);
    }
}
