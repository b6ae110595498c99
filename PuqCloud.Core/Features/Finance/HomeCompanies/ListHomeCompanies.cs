using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

public sealed record HomeCompanyListItem(Guid Id, string Name, string? LegalName, string? CountryCode, string? CountryName, bool IsDefault, int TaxRuleCount, int GatewayCount);

[RequiresPermission(Permissions.HomeCompaniesView)]
public sealed record ListHomeCompanies(PageRequest Page) : IQuery<PagedResult<HomeCompanyListItem>>;

public sealed class ListHomeCompaniesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListHomeCompanies, PagedResult<HomeCompanyListItem>>
{
    private static readonly SortMap<HomeCompany> Sorts = new SortMap<HomeCompany>("name")
        .Add("name", c => c.Name)
        .Add("legalName", c => c.LegalName)
        .Add("countryCode", c => c.CountryCode)
        .Add("isDefault", c => c.IsDefault);

    public async Task<PagedResult<HomeCompanyListItem>> Handle(ListHomeCompanies request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.HomeCompanies.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var p = PagingExtensions.LikePattern(search);
            query = query.Where(c => EF.Functions.Like(c.Name.ToLower(), p, "\\") || EF.Functions.Like((c.LegalName ?? "").ToLower(), p, "\\"));
        }
        return await query.ToPageAsync(request.Page, Sorts, c => new HomeCompanyListItem(c.Id, c.Name, c.LegalName, c.CountryCode,
            db.Countries.Where(x => x.Code == c.CountryCode).Select(x => x.Name).FirstOrDefault(), c.IsDefault,
            db.TaxRules.Count(r => r.HomeCompanyId == c.Id), c.PaymentGateways.Count), cancellationToken);
    }
}
