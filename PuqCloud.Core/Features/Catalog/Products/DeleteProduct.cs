using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Deletes a product no service uses (its prices, settings and links go with it).</summary>
[RequiresPermission(Permissions.ProductsDelete)]
public sealed record DeleteProduct(Guid Id) : ICommand<Unit>;

public sealed class DeleteProductHandler(IDbContextFactory<AppDbContext> contexts, IProductUsage usage, IImageStore images) : IRequestHandler<DeleteProduct, Unit>
{
    public async Task<Unit> Handle(DeleteProduct request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await ProductRules.FindAsync(db.Products, request.Id, cancellationToken);
        var services = await usage.CountServicesAsync(product.Id, cancellationToken);
        if (services > 0)
            throw new RuleViolationException($"{product.Key} is used by {services} service(s) and cannot be deleted. Retire it instead: existing services keep running and no new orders are taken.");
        db.Products.Remove(product);
        await db.SaveChangesAsync(cancellationToken);
        images.Delete(product.IconPath);
        images.Delete(product.BackgroundPath);
        return Unit.Value;
    }
}
