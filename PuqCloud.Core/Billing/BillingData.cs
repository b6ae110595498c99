using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Billing;

/// <summary>The product side of a service as billing and the lifecycle see it.</summary>
public sealed record ServicePlan(
    Guid ServiceId,
    Guid ClientId,
    string Title,
    string CurrencyCode,
    PricePeriod Period,
    bool HourlyBilling,
    bool AllowIdle,
    string? ModuleKey,
    decimal Setup,
    decimal Base,
    decimal Idle,
    decimal Uninstall,
    IReadOnlyList<BillableOption> Options,
    int TerminationDelayHours,
    int CancellationDelayHours)
{
    public BillableService Billable(bool isIdle, DateTime anchor, DateTime paidUntil) =>
        new(ServiceId, ClientId, Title, CurrencyCode, Period, HourlyBilling, Base, Idle, isIdle, Options, anchor, paidUntil);

    /// <summary>Charged by the hour: the product meters its period price, or the price row is per hour.</summary>
    public bool Metered => HourlyBilling || Period == PricePeriod.Hourly;
}

/// <summary>What a plan is read from: the service, its client, its price row, and whether it has options at all.</summary>
public sealed record PlanSource(Guid ServiceId, Guid ClientId, Guid PriceId, bool HasOptions);

/// <summary>Reads services' plans in a few queries per batch (never one query per service).</summary>
public static class BillingData
{
    /// <summary>"VPS-S #4f2a1c": the product's name and the end of the service's id, as ledger rows and events name a service.</summary>
    public static string Title(string productName, Guid serviceId) => $"{productName} #{serviceId.ToString("N")[^6..]}";

    /// <summary>
    /// The plans of many services. A batch's services share a handful of price rows, so prices and products are read
    /// once per price row, and option choices only for the services that have any (a caller that reads services anyway
    /// selects <see cref="PlanSource"/> with them instead of sending their ids back in another query).
    /// </summary>
    public static async Task<Dictionary<Guid, ServicePlan>> PlansAsync(AppDbContext db, IReadOnlyCollection<PlanSource> services, CancellationToken cancellationToken)
    {
        var priceIds = services.Select(s => s.PriceId).Distinct().ToList();
        var prices = await db.ProductPrices.AsNoTracking().Where(p => priceIds.Contains(p.Id))
            .Join(db.Products, x => x.ProductId, p => p.Id, (x, p) => new
            {
                x.Id, x.CurrencyId, CurrencyCode = x.Currency!.Code, x.Period, x.Setup, x.Base, x.Idle, x.Uninstall,
                p.Name, p.Key, p.HourlyBilling, p.AllowIdle, p.ModuleKey, p.TerminationDelayHours, p.CancellationDelayHours,
            })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var withOptions = services.Where(s => s.HasOptions).Select(s => s.ServiceId).ToList();
        var choices = withOptions.Count == 0
            ? []
            : await db.ServiceOptions.AsNoTracking().Where(o => withOptions.Contains(o.ServiceId)).ToListAsync(cancellationToken);
        var optionIds = choices.Select(c => c.ProductOptionId).Distinct().ToList();
        var optionPrices = optionIds.Count == 0
            ? []
            : await db.ProductOptionPrices.AsNoTracking().Where(p => optionIds.Contains(p.ProductOptionId))
                .Select(p => new { p.ProductOptionId, p.CurrencyId, p.Period, p.Base, p.Idle }).ToListAsync(cancellationToken);

        // Looked up per service, not scanned: billing reads plans for a batch of thousands at once.
        var choicesOf = choices.ToLookup(c => c.ServiceId);
        var pricesOf = optionPrices.ToLookup(p => p.ProductOptionId);
        // A product without an English name is named by its key, as the catalog lists it.
        var names = prices.Values.ToDictionary(p => p.Id, p => Translations.Resolve(p.Name, "en", p.Key));
        return services.Where(s => prices.ContainsKey(s.PriceId)).ToDictionary(s => s.ServiceId, s =>
        {
            var r = prices[s.PriceId];
            // An option is charged at its price of the service's currency and period; an option without one is free.
            var options = choicesOf[s.ServiceId]
                .Select(c => (Choice: c, Price: pricesOf[c.ProductOptionId].FirstOrDefault(p => p.CurrencyId == r.CurrencyId && p.Period == r.Period)))
                .Where(x => x.Price is not null)
                .Select(x => new BillableOption(x.Price!.Base, x.Price.Idle, x.Choice.AddedAt))
                .ToList();
            return new ServicePlan(s.ServiceId, s.ClientId, Title(names[r.Id], s.ServiceId), r.CurrencyCode, r.Period, r.HourlyBilling, r.AllowIdle,
                r.ModuleKey, r.Setup, r.Base, r.Idle, r.Uninstall, options, r.TerminationDelayHours, r.CancellationDelayHours);
        });
    }

    public static async Task<ServicePlan> PlanAsync(AppDbContext db, Guid serviceId, CancellationToken cancellationToken)
    {
        var source = await db.Services.AsNoTracking().Where(s => s.Id == serviceId)
                         .Select(s => new PlanSource(s.Id, s.ClientId, s.ProductPriceId, s.Options.Any()))
                         .FirstOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException("The service does not exist.");
        return (await PlansAsync(db, [source], cancellationToken)).GetValueOrDefault(serviceId)
               ?? throw new NotFoundException("The service does not exist.");
    }
}
