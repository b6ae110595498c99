using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// The store: the visible product groups in their order, each with the products listed in it (<see cref="OrderRules.Listed"/>)
/// that have a price in the client's currency, in the group's order. A product whose stock is used up is listed with
/// <see cref="OrderProductCard.InStock"/> false. Names in the user's language, else English, else the key.
/// </summary>
[ClientMember(ClientPermissions.ManageOrders)]
public sealed record ListMyOrderGroups(Guid ClientId) : IQuery<OrderCatalog>, IClientScoped;

public sealed class ListMyOrderGroupsHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, BillingClock clock) : IRequestHandler<ListMyOrderGroups, OrderCatalog>
{
    public async Task<OrderCatalog> Handle(ListMyOrderGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var buyer = await OrderRules.BuyerAsync(db, request.ClientId, cancellationToken);
        var currency = buyer.Currency;
        var language = await OrderRules.LanguageAsync(db, actors, cancellationToken);
        var groups = await db.ProductGroups.AsNoTracking().Where(g => g.IsVisible).OrderBy(g => g.Position).ThenBy(g => g.Key).ToListAsync(cancellationToken);
        var groupIds = groups.Select(g => g.Id).ToList();
        var items = await db.ProductGroupItems.AsNoTracking().Where(i => groupIds.Contains(i.ProductGroupId))
            .Join(db.Products.Where(OrderRules.Listed), i => i.ProductId, p => p.Id, (i, p) => new { i.ProductGroupId, i.Position, Product = p })
            .ToListAsync(cancellationToken);
        var productIds = items.Select(i => i.Product.Id).Distinct().ToList();
        // Amounts are compared here: SQLite keeps decimals as text.
        var prices = (await db.ProductPrices.AsNoTracking().Where(p => productIds.Contains(p.ProductId) && p.CurrencyId == currency.Id).ToListAsync(cancellationToken))
            .ToLookup(p => p.ProductId);
        var now = clock.UtcNow;

        return new OrderCatalog(request.ClientId, currency.Code, groups.Select(g => new OrderGroup(g.Id, g.Key, Translations.Resolve(g.Name, language, g.Key),
                OrderRules.Text(g.Description, language), OrderRules.IconUrl(g.IconPath),
                items.Where(i => i.ProductGroupId == g.Id && prices[i.Product.Id].Any())
                    .OrderBy(i => i.Position).ThenBy(i => i.Product.Key, StringComparer.Ordinal)
                    .Select(i =>
                    {
                        var p = i.Product;
                        var from = prices[p.Id].OrderBy(r => OrderRules.PeriodOrder(r.Period)).ThenBy(r => r.Base).First();
                        return new OrderProductCard(p.Id, p.Key, Translations.Resolve(p.Name, language, p.Key), OrderRules.Text(p.Description, language),
                            OrderRules.IconUrl(p.IconPath), OrderRules.InStock(p), OrderRules.StockLeft(p), OrderRules.IsMetered(p.HourlyBilling, from.Period),
                            from.Period, from.Base, currency.FormatAmount(from.Base), prices[p.Id].Count());
                    })
                    .ToList()))
            .Where(g => g.Products.Count > 0)
            .ToList());
    }
}
