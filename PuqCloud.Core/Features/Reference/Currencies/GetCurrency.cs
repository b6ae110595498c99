using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

[RequiresPermission(Permissions.CurrenciesView)]
public sealed record GetCurrency(Guid Id) : IQuery<CurrencyDto>;

public sealed class GetCurrencyHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetCurrency, CurrencyDto>
{
    public async Task<CurrencyDto> Handle(GetCurrency request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var currency = await db.Currencies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such currency.");
        return CurrencyRules.ToDto(currency, await db.Clients.CountAsync(c => c.CurrencyId == currency.Id, cancellationToken));
    }
}
