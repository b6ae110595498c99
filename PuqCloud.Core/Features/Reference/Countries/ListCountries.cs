using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

public sealed record CountryDto(string Code, string Code3, string Numeric, string Name, string? OfficialName, int RegionCount);

/// <summary>ISO 3166-1 countries, paged; the search matches the two- and three-letter codes and the names.</summary>
[RequiresPermission(Permissions.CountriesView)]
public sealed record ListCountries(PageRequest Page) : IQuery<PagedResult<CountryDto>>;

public sealed class ListCountriesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListCountries, PagedResult<CountryDto>>
{
    private static readonly SortMap<Country> Sorts = new SortMap<Country>("name")
        .Add("code", c => c.Code)
        .Add("code3", c => c.Code3)
        .Add("name", c => c.Name)
        .Add("regionCount", c => c.Regions.Count);

    public async Task<PagedResult<CountryDto>> Handle(ListCountries request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Countries.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            query = query.Where(c => EF.Functions.Like(c.Code.ToLower(), pattern, "\\") || EF.Functions.Like(c.Code3.ToLower(), pattern, "\\") ||
                EF.Functions.Like(c.Name.ToLower(), pattern, "\\") || EF.Functions.Like((c.OfficialName ?? "").ToLower(), pattern, "\\"));
        }
        // Country has no Id for the paging helper's tie-break, so pages are made stable by the code here.
        var total = await query.CountAsync(cancellationToken);
        var ordered = ((IOrderedQueryable<Country>)Sorts.Apply(query, request.Page.Sort)).ThenBy(c => c.Code);
        var items = await ordered
            .Skip(request.Page.Offset)
            .Take(request.Page.SafePageSize)
            .Select(c => new CountryDto(c.Code, c.Code3, c.Numeric, c.Name, c.OfficialName, c.Regions.Count))
            .ToListAsync(cancellationToken);
        return new PagedResult<CountryDto>(items, total, request.Page.SafePage, request.Page.SafePageSize);
    }
}
