using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Services;
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
        // Services holding the option are charged this row when theirs is in its currency and period: without it, billing
        // would charge them nothing for the option from then on.
        var charged = await db.ServiceOptions.Where(o => o.ProductOptionId == request.OptionId)
            .Join(db.Services, o => o.ServiceId, s => s.Id, (_, s) => s)
            .Where(s => s.Status == ServiceStatus.Pending || s.Status == ServiceStatus.Active || s.Status == ServiceStatus.Suspended)
            .CountAsync(s => db.ProductPrices.Any(p => p.Id == s.ProductPriceId && p.CurrencyId == row.CurrencyId && p.Period == row.Period), cancellationToken);
        if (charged > 0)
            throw new RuleViolationException($"{charged} service(s) holding this option are charged by this price: change its amounts instead of deleting it.");
        db.ProductOptionPrices.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
