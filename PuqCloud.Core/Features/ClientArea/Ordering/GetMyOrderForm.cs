using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// The order page of one product: its prices in the client's currency (periods, setup fee, price, and the hourly rate of a
/// metered one) and its option groups with their options and prices. A hidden product is found too (ordered by a direct
/// link); a retired, inactive or staff-only product, or one without a price in the client's currency, is not found. A
/// product out of stock is answered with <see cref="OrderForm.InStock"/> false.
/// </summary>
[ClientMember(ClientPermissions.ManageOrders)]
public sealed record GetMyOrderForm(Guid ClientId, Guid ProductId) : IQuery<OrderForm>, IClientScoped;

public sealed class GetMyOrderFormHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, BillingClock clock) : IRequestHandler<GetMyOrderForm, OrderForm>
{
    public async Task<OrderForm> Handle(GetMyOrderForm request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var buyer = await OrderRules.BuyerAsync(db, request.ClientId, cancellationToken);
        var currency = buyer.Currency;
        var product = await OrderRules.ProductAsync(db, request.ProductId, cancellationToken);
        var language = await OrderRules.LanguageAsync(db, actors, cancellationToken);
        var now = clock.UtcNow;
        var prices = (await db.ProductPrices.AsNoTracking().Where(p => p.ProductId == product.Id && p.CurrencyId == currency.Id).ToListAsync(cancellationToken))
            .OrderBy(p => OrderRules.PeriodOrder(p.Period)).ThenBy(p => p.Id)
            .Select(p => OrderRules.ToPrice(p, product.HourlyBilling, currency, now))
            .ToList();
        if (prices.Count == 0) throw new NotFoundException(OrderRules.NoSuchProduct);

        var groups = await db.ProductOptionGroupLinks.AsNoTracking().Where(l => l.ProductId == product.Id)
            .Join(db.OptionGroups, l => l.OptionGroupId, g => g.Id, (l, g) => new { l.Position, Group = g })
            .ToListAsync(cancellationToken);
        var groupIds = groups.Select(g => g.Group.Id).ToList();
        var options = (await db.ProductOptions.AsNoTracking().Where(o => groupIds.Contains(o.OptionGroupId)).ToListAsync(cancellationToken))
            .ToLookup(o => o.OptionGroupId);
        var optionIds = options.SelectMany(g => g).Select(o => o.Id).ToList();
        var optionPrices = (await db.ProductOptionPrices.AsNoTracking().Where(p => optionIds.Contains(p.ProductOptionId) && p.CurrencyId == currency.Id)
            .ToListAsync(cancellationToken)).ToLookup(p => p.ProductOptionId);
        // An option priced only in other currencies cannot be ordered in this one (it would be free): it is left out.
        var priced = (await db.ProductOptionPrices.AsNoTracking().Where(p => optionIds.Contains(p.ProductOptionId))
            .Select(p => p.ProductOptionId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        options = options.SelectMany(g => g).Where(o => !priced.Contains(o.Id) || optionPrices[o.Id].Any()).ToLookup(o => o.OptionGroupId);

        var optionGroups = groups.OrderBy(g => g.Position).ThenBy(g => g.Group.Key, StringComparer.Ordinal)
            .Where(g => options[g.Group.Id].Any())
            .Select(g => new OrderOptionGroup(g.Group.Id, g.Group.Key, Translations.Resolve(g.Group.Name, language, g.Group.Key), OrderRules.Text(g.Group.Description, language),
                options[g.Group.Id].OrderBy(o => o.Position).ThenBy(o => o.Key, StringComparer.Ordinal)
                    .Select(o => new OrderOption(o.Id, o.Key, Translations.Resolve(o.Name, language, o.Key),
                        optionPrices[o.Id].OrderBy(p => OrderRules.PeriodOrder(p.Period)).Select(p => new OrderOptionPrice(p.Period, p.Base, currency.FormatAmount(p.Base))).ToList(),
                        Free: !priced.Contains(o.Id)))
                    .ToList()))
            .ToList();

        return new OrderForm(request.ClientId, product.Id, product.Key, Translations.Resolve(product.Name, language, product.Key), OrderRules.Text(product.Description, language),
            OrderRules.IconUrl(product.IconPath), product.HourlyBilling, OrderRules.InStock(product), OrderRules.StockLeft(product), product.IsHidden,
            currency.Code, currency.Decimals, prices, optionGroups);
    }
}
