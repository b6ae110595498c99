using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

public sealed record RegionOption(string Code, string Name, string Type);

/// <summary>The ISO 3166-2 regions of a country, for address forms.</summary>
[Anonymous]
public sealed record ListRegionOptions(string CountryCode) : IQuery<IReadOnlyList<RegionOption>>;

public sealed class ListRegionOptionsHandler(IDbContextFactory<AppDbContext> contexts, TypeAdapterConfig mapping) : IRequestHandler<ListRegionOptions, IReadOnlyList<RegionOption>>
{
    public async Task<IReadOnlyList<RegionOption>> Handle(ListRegionOptions request, CancellationToken cancellationToken)
    {
        var code = (request.CountryCode ?? "").Trim().ToUpperInvariant();
        if (code.Length != 2) return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Regions.AsNoTracking().Where(r => r.CountryCode == code).OrderBy(r => r.Name)
            .ProjectToType<RegionOption>(mapping).ToListAsync(cancellationToken);
    }
}
