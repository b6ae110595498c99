using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

public sealed record CountryOption(string Code, string Name);

/// <summary>Countries for address forms (public reference data: the sign-up form needs it too).</summary>
[Anonymous]
public sealed record ListCountryOptions : IQuery<IReadOnlyList<CountryOption>>;

public sealed class ListCountryOptionsHandler(IDbContextFactory<AppDbContext> contexts, TypeAdapterConfig mapping) : IRequestHandler<ListCountryOptions, IReadOnlyList<CountryOption>>
{
    public async Task<IReadOnlyList<CountryOption>> Handle(ListCountryOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Countries.AsNoTracking().OrderBy(c => c.Name).ProjectToType<CountryOption>(mapping).ToListAsync(cancellationToken);
    }
}
