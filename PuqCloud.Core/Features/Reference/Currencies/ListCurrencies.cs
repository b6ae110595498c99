using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

[RequiresPermission(Permissions.CurrenciesView)]
public sealed record ListCurrencies(PageRequest Page) : IQuery<PagedResult<CurrencyDto>>;

public sealed class ListCurrenciesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListCurrencies, PagedResult<CurrencyDto>>
{
    private static readonly SortMap<Currency> Sorts = new SortMap<Currency>("code")
        .Add("code", c => c.Code)
        .Add("exchangeRate", c => c.ExchangeRate)
        .Add("isDefault", c => c.IsDefault);

    public async Task<PagedResult<CurrencyDto>> Handle(ListCurrencies request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Currencies.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            query = query.Where(c => EF.Functions.Like(c.Code.ToLower(), pattern, "\\") || EF.Functions.Like((c.Prefix ?? "").ToLower(), pattern, "\\") || EF.Functions.Like((c.Suffix ?? "").ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, c => new { Currency = c, Clients = db.Clients.Count(x => x.CurrencyId == c.Id) }, cancellationToken);
        return new PagedResult<CurrencyDto>(page.Items.Select(i => CurrencyRules.ToDto(i.Currency, i.Clients)).ToList(), page.Total, page.Page, page.PageSize);
    }
}
