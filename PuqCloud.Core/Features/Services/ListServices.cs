using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>Services → All Services (and a client's Services tab with <see cref="ClientId"/>): search by label, client or product; filter by status and product.</summary>
[RequiresPermission(Permissions.ServicesView)]
public sealed record ListServices(PageRequest Page, ServiceStatus? Status = null, Guid? ProductId = null, Guid? ClientId = null) : IQuery<PagedResult<ServiceListItem>>;

public sealed class ListServicesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListServices, PagedResult<ServiceListItem>>
{
    private static readonly SortMap<Service> Sorts = new SortMap<Service>("-orderedAt")
        .Add("orderedAt", s => s.OrderedAt)
        .Add("status", s => s.Status)
        .Add("nextChargeAt", s => s.NextChargeAt)
        .Add("label", s => s.Label);

    public async Task<PagedResult<ServiceListItem>> Handle(ListServices request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Services.AsNoTracking();
        if (request.Status is { } status) query = query.Where(s => s.Status == status);
        if (request.ProductId is { } productId) query = query.Where(s => s.ProductId == productId);
        if (request.ClientId is { } clientId) query = query.Where(s => s.ClientId == clientId);
        if (request.Page.SearchText is { } search)
        {
            var p = PagingExtensions.LikePattern(search);
            query = query.Where(s =>
                EF.Functions.Like((s.Label ?? "").ToLower(), p, "\\") ||
                db.Products.Any(x => x.Id == s.ProductId && EF.Functions.Like(x.Key, p, "\\")) ||
                db.Clients.Any(c => c.Id == s.ClientId && (EF.Functions.Like((c.FirstName + " " + c.LastName).ToLower(), p, "\\") ||
                                                           EF.Functions.Like((c.CompanyName ?? "").ToLower(), p, "\\"))));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, s => new
        {
            s.Id, s.ClientId, s.ProductId, s.Status, s.IsIdle, s.IsManual, s.Label, s.NextChargeAt, s.PaidUntil, s.OrderedAt,
            Client = db.Clients.Where(c => c.Id == s.ClientId).Select(c => new { c.FirstName, c.LastName, c.CompanyName }).First(),
            Product = db.Products.Where(x => x.Id == s.ProductId).Select(x => new { x.Key, x.Name, x.HourlyBilling }).First(),
            Price = db.ProductPrices.Where(x => x.Id == s.ProductPriceId).Select(x => new { x.Period, x.Base, x.Idle, Currency = x.Currency! }).First(),
        }, cancellationToken);
        return new PagedResult<ServiceListItem>(page.Items.Select(s =>
        {
            var productName = Translations.Resolve(s.Product.Name, Languages.Default, s.Product.Key);
            var price = s.IsIdle ? s.Price.Idle : s.Price.Base;
            return new ServiceListItem(s.Id, BillingData.Title(productName, s.Id), s.ClientId,
                Client.NameOf(s.Client.FirstName, s.Client.LastName, s.Client.CompanyName),
                s.ProductId, productName, s.Product.Key, s.Status, s.IsIdle, s.IsManual, s.Label, s.Price.Period,
                s.Product.HourlyBilling || s.Price.Period == PricePeriod.Hourly, price, s.Price.Currency.Code, s.Price.Currency.FormatAmount(price),
                s.NextChargeAt, s.PaidUntil, s.OrderedAt);
        }).ToList(), page.Total, page.Page, page.PageSize);
    }
}
