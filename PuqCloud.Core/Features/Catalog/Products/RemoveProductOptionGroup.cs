using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.ProductsEdit)]
public sealed record RemoveProductOptionGroup(Guid ProductId, Guid OptionGroupId) : ICommand<Unit>;

public sealed class RemoveProductOptionGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<RemoveProductOptionGroup, Unit>
{
    public async Task<Unit> Handle(RemoveProductOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ProductOptionGroupLinks.FirstOrDefaultAsync(l => l.ProductId == request.ProductId && l.OptionGroupId == request.OptionGroupId, cancellationToken)
            ?? throw new NotFoundException("The product does not offer this option group.");
        db.ProductOptionGroupLinks.Remove(link);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
