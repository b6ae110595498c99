using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

public sealed record CurrencyOption(Guid Id, string Code, bool IsDefault, int Decimals = 2);

/// <summary>The currencies a client can be billed in, default first.</summary>
[Anonymous]
public sealed record ListCurrencyOptions : IQuery<IReadOnlyList<CurrencyOption>>;

public sealed class ListCurrencyOptionsHandler(IDbContextFactory<AppDbContext> contexts, TypeAdapterConfig mapping) : IRequestHandler<ListCurrencyOptions, IReadOnlyList<CurrencyOption>>
{
    public async Task<IReadOnlyList<CurrencyOption>> Handle(ListCurrencyOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Currencies.AsNoTracking().OrderByDescending(c => c.IsDefault).ThenBy(c => c.Code)
            .ProjectToType<CurrencyOption>(mapping).ToListAsync(cancellationToken);
    }
}
