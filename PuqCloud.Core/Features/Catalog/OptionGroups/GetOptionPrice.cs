using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.OptionGroupsView)]
public sealed record GetOptionPrice(Guid GroupId, Guid OptionId, Guid PriceId) : IQuery<PriceDto>;

public sealed class GetOptionPriceHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetOptionPrice, PriceDto>
{
    public async Task<PriceDto> Handle(GetOptionPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var option = await OptionGroupReads.OptionAsync(db, request.GroupId, request.OptionId, cancellationToken);
        return option.Prices.FirstOrDefault(p => p.Id == request.PriceId) ?? throw new NotFoundException(OptionRules.PriceNotFound);
    }
}
