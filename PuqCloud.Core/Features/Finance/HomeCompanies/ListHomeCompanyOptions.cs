using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

public sealed record HomeCompanyOption(Guid Id, string Name, bool IsDefault, string? CountryCode);

/// <summary>The home companies a tax rule can name, default first.</summary>
[RequiresPermission(Permissions.TaxRulesView)]
public sealed record ListHomeCompanyOptions : IQuery<IReadOnlyList<HomeCompanyOption>>;

public sealed class ListHomeCompanyOptionsHandler(IDbContextFactory<AppDbContext> contexts, TypeAdapterConfig mapping) : IRequestHandler<ListHomeCompanyOptions, IReadOnlyList<HomeCompanyOption>>
{
    public async Task<IReadOnlyList<HomeCompanyOption>> Handle(ListHomeCompanyOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.HomeCompanies.AsNoTracking().OrderByDescending(c => c.IsDefault).ThenBy(c => c.Name)
            .ProjectToType<HomeCompanyOption>(mapping).ToListAsync(cancellationToken);
    }
}
