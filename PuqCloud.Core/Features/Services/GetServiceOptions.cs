using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>An option a service can have, with its price for the service's currency and period.</summary>
public sealed record ServiceOptionOffer(Guid OptionId, string Key, string Name, decimal Price, string PriceText);

/// <summary>
/// An option group of the service: one its product offers, or one the product no longer offers that the service still
/// has an option of (<see cref="IsOffered"/> false: that option can be kept or dropped, no other chosen).
/// </summary>
public sealed record ServiceOptionGroupOffer(Guid OptionGroupId, string Key, string Name, bool IsOffered, Guid? ChosenOptionId, IReadOnlyList<ServiceOptionOffer> Options);

/// <summary>One ledger row a change of options would post now.</summary>
public sealed record ServiceOptionsPreviewLine(string Description, decimal Amount, string AmountText);

/// <summary>
/// What a proposed option set would do now: the rows it posts (prorated for the rest of the paid period; none for a
/// metered service, which pays the new rate from its next hour), their net (what it takes from the balance: positive
/// charged, negative credited; <see cref="NetText"/> without the sign), and whether the balance plus credit limit covers it.
/// </summary>
public sealed record ServiceOptionsPreview(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<ServiceOptionsPreviewLine> Lines,
    decimal Net, string NetText, bool IsCovered);

/// <summary>The option groups of a service with its current choice, and for a proposed set the preview of the change.</summary>
public sealed record ServiceOptions(Guid ServiceId, string CurrencyCode, PricePeriod Period, bool Metered, IReadOnlyList<ServiceOptionGroupOffer> Groups,
    ServiceOptionsPreview? Preview);

/// <summary>
/// The options a service can choose from (see <see cref="ChangeServiceOptions"/>), in the product's order of its option
/// groups, each option with its price in the service's currency and period. With <see cref="OptionIds"/> (the full
/// proposed set) it also answers what changing to that set would post now, as <see cref="ServiceSteps.ChangeOptionsAsync"/>
/// would post it at this moment; a set it would refuse is refused the same way.
/// </summary>
[RequiresPermission(Permissions.ServicesView)]
public sealed record GetServiceOptions(Guid Id, IReadOnlyList<Guid>? OptionIds = null) : IQuery<ServiceOptions>;

public sealed class GetServiceOptionsHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock) : IRequestHandler<GetServiceOptions, ServiceOptions>
{
    public async Task<ServiceOptions> Handle(GetServiceOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException(ServiceRules.NoSuchService);
        var plan = await BillingData.PlanAsync(db, service.Id, cancellationToken);
        var currency = await db.Clients.AsNoTracking().Where(c => c.Id == service.ClientId).Select(c => c.Currency!).FirstAsync(cancellationToken);
        var chosen = await db.ServiceOptions.AsNoTracking().Where(o => o.ServiceId == service.Id).Select(o => o.ProductOptionId).ToListAsync(cancellationToken);

        var links = await db.ProductOptionGroupLinks.AsNoTracking().Where(l => l.ProductId == service.ProductId)
            .OrderBy(l => l.Position).ThenBy(l => l.OptionGroup!.Key)
            .Select(l => new { l.OptionGroupId, l.OptionGroup!.Key, l.OptionGroup.Name }).ToListAsync(cancellationToken);
        var offered = links.Select(l => l.OptionGroupId).ToList();
        var options = await db.ProductOptions.AsNoTracking().Where(o => offered.Contains(o.OptionGroupId) || chosen.Contains(o.Id))
            .OrderBy(o => o.Position).ThenBy(o => o.Key)
            .Select(o => new { o.Id, o.OptionGroupId, o.Key, o.Name }).ToListAsync(cancellationToken);
        var orphanGroupIds = options.Where(o => !offered.Contains(o.OptionGroupId)).Select(o => o.OptionGroupId).Distinct().ToList();
        var orphans = await db.OptionGroups.AsNoTracking().Where(g => orphanGroupIds.Contains(g.Id)).OrderBy(g => g.Position).ThenBy(g => g.Key)
            .Select(g => new { OptionGroupId = g.Id, g.Key, g.Name }).ToListAsync(cancellationToken);
        var prices = await ServiceSteps.OptionPricesAsync(db, plan, options.Select(o => o.Id).ToList(), cancellationToken);
        var byGroup = options.ToLookup(o => o.OptionGroupId);

        ServiceOptionGroupOffer Group(Guid id, string key, Dictionary<string, string> name, bool isOffered)
        {
            var items = byGroup[id].Select(o =>
            {
                var price = prices.TryGetValue(o.Id, out var p) ? p.Base : 0m;
                return new ServiceOptionOffer(o.Id, o.Key, Translations.Resolve(o.Name, Languages.Default, o.Key), price, currency.FormatAmount(price));
            }).ToList();
            return new ServiceOptionGroupOffer(id, key, Translations.Resolve(name, Languages.Default, key), isOffered, items.FirstOrDefault(o => chosen.Contains(o.OptionId))?.OptionId, items);
        }
        var groups = links.Select(l => Group(l.OptionGroupId, l.Key, l.Name, true))
            .Concat(orphans.Select(g => Group(g.OptionGroupId, g.Key, g.Name, false))).ToList();

        ServiceOptionsPreview? preview = null;
        if (request.OptionIds is { } proposed)
        {
            var change = await ServiceSteps.PlanOptionChangeAsync(db, service, plan, proposed, clock.UtcNow, cancellationToken);
            var balance = await Ledger.ReadAsync(db, service.ClientId, cancellationToken);
            preview = new ServiceOptionsPreview(change.Added.Select(o => o.Name).ToList(), change.Removed.Select(o => o.Name).ToList(),
                change.Postings.Select(p => new ServiceOptionsPreviewLine(p.Description, p.Amount,
                    // Signed as the ledger's rows show them.
                    (p.Amount < 0 ? "−" : "+") + currency.FormatAmount(Math.Abs(p.Amount), MoneyRounding.LedgerDecimals))).ToList(),
                change.Needed, currency.FormatAmount(Math.Abs(change.Needed), MoneyRounding.LedgerDecimals), change.Needed <= 0 || balance.Available >= change.Needed);
        }
        return new ServiceOptions(service.Id, plan.CurrencyCode, plan.Period, plan.HourlyBilling || plan.Period == PricePeriod.Hourly, groups, preview);
    }
}
