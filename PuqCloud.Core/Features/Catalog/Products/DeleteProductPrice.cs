using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.ProductsEdit)]
public sealed record DeleteProductPrice(Guid ProductId, Guid PriceId) : ICommand<Unit>;

public sealed class DeleteProductPriceHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<DeleteProductPrice, Unit>
{
    public async Task<Unit> Handle(DeleteProductPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await ProductPriceRules.FindEditableAsync(db, request.ProductId, request.PriceId, cancellationToken);
        await ProductPriceRules.EnsureNotSoldAsync(db, row, cancellationToken);
        db.ProductPrices.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        // A default-currency row takes its derived rows with it.
        await PriceConversion.RecomputeProductAsync(db, request.ProductId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
