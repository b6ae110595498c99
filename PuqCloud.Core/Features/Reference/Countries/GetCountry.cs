using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

public sealed record CountryDetailDto(string Code, string Code3, string Numeric, string Name, string? OfficialName, IReadOnlyList<RegionDto> Regions);

public sealed record RegionDto(string Code, string Name, string Type);

/// <summary>One country with its ISO 3166-2 regions, ordered by name.</summary>
[RequiresPermission(Permissions.CountriesView)]
public sealed record GetCountry(string Code) : IQuery<CountryDetailDto>;

public sealed class GetCountryHandler(IDbContextFactory<AppDbContext> contexts, TypeAdapterConfig mapping) : IRequestHandler<GetCountry, CountryDetailDto>
{
    public async Task<CountryDetailDto> Handle(GetCountry request, CancellationToken cancellationToken)
    {
        var code = (request.Code ?? "").Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Countries.AsNoTracking().Where(c => c.Code == code)
            .ProjectToType<CountryDetailDto>(mapping)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("There is no such country.");
    }
}
