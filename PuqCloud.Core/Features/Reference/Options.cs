using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

public sealed record CountryOption(string Code, string Name);
public sealed record RegionOption(string Code, string Name, string Type);
public sealed record CurrencyOption(Guid Id, string Code, bool IsDefault, int Decimals = 2);

/// <summary>Countries for address forms (public reference data: the sign-up form needs it too).</summary>
[Anonymous]
public sealed record ListCountryOptions : IQuery<IReadOnlyList<CountryOption>>;

/// <summary>The ISO 3166-2 regions of a country, for address forms.</summary>
[Anonymous]
public sealed record ListRegionOptions(string CountryCode) : IQuery<IReadOnlyList<RegionOption>>;

/// <summary>The currencies a client can be billed in, default first.</summary>
[Anonymous]
public sealed record ListCurrencyOptions : IQuery<IReadOnlyList<CurrencyOption>>;

public sealed class OptionHandlers(IDbContextFactory<AppDbContext> contexts) :
    IRequestHandler<ListCountryOptions, IReadOnlyList<CountryOption>>,
    IRequestHandler<ListRegionOptions, IReadOnlyList<RegionOption>>,
    IRequestHandler<ListCurrencyOptions, IReadOnlyList<CurrencyOption>>
{
    public async Task<IReadOnlyList<CountryOption>> Handle(ListCountryOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Countries.AsNoTracking().OrderBy(c => c.Name).Select(c => new CountryOption(c.Code, c.Name)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RegionOption>> Handle(ListRegionOptions request, CancellationToken cancellationToken)
    {
        var code = (request.CountryCode ?? "").Trim().ToUpperInvariant();
        if (code.Length != 2) return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Regions.AsNoTracking().Where(r => r.CountryCode == code).OrderBy(r => r.Name)
            .Select(r => new RegionOption(r.Code, r.Name, r.Type)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CurrencyOption>> Handle(ListCurrencyOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Currencies.AsNoTracking().OrderByDescending(c => c.IsDefault).ThenBy(c => c.Code)
            .Select(c => new CurrencyOption(c.Id, c.Code, c.IsDefault, c.Decimals)).ToListAsync(cancellationToken);
    }
}
