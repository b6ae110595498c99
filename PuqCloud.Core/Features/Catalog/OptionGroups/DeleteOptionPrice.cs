using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record DeleteOptionPrice(Guid GroupId, Guid OptionId, Guid PriceId) : ICommand<Unit>;

public sealed class DeleteOptionPriceHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<DeleteOptionPrice, Unit>
{
    public async Task<Unit> Handle(DeleteOptionPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await OptionRules.FindPriceAsync(db, request.GroupId, request.OptionId, request.PriceId, cancellationToken);
        db.ProductOptionPrices.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
