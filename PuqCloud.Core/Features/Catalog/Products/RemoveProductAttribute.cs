using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.ProductsEdit)]
public sealed record RemoveProductAttribute(Guid ProductId, Guid AttributeId) : ICommand<Unit>;

public sealed class RemoveProductAttributeHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<RemoveProductAttribute, Unit>
{
    public async Task<Unit> Handle(RemoveProductAttribute request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ProductAttributeLinks.FirstOrDefaultAsync(l => l.ProductId == request.ProductId && l.AttributeId == request.AttributeId, cancellationToken)
            ?? throw new NotFoundException("The product has no such attribute.");
        db.ProductAttributeLinks.Remove(link);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
