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
}

/// <summary>Reads services' plans in a few queries per batch (never one query per service).</summary>
public static class BillingData
{
    /// <summary>"VPS-S #4f2a1c": the product's name and the end of the service's id, as ledger rows and events name a service.</summary>
    public static string Title(string productName, Guid serviceId) => $"{productName} #{serviceId.ToString("N")[^6..]}";

    public static async Task<Dictionary<Guid, ServicePlan>> PlansAsync(AppDbContext db, IReadOnlyCollection<Guid> serviceIds, CancellationToken cancellationToken)
    {
        var rows = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id))
            .Join(db.ProductPrices, s => s.ProductPriceId, p => p.Id, (s, p) => new { s.Id, s.ClientId, s.ProductId, Price = p })
            .Join(db.Products, x => x.ProductId, p => p.Id, (x, p) => new
            {
                x.Id, x.ClientId, x.Price.CurrencyId, CurrencyCode = x.Price.Currency!.Code, x.Price.Period, x.Price.Setup, x.Price.Base, x.Price.Idle, x.Price.Uninstall,
                p.Name, p.HourlyBilling, p.AllowIdle, p.ModuleKey, p.TerminationDelayHours, p.CancellationDelayHours,
            })
            .ToListAsync(cancellationToken);
        var choices = await db.ServiceOptions.AsNoTracking().Where(o => serviceIds.Contains(o.ServiceId)).ToListAsync(cancellationToken);
        var optionIds = choices.Select(c => c.ProductOptionId).Distinct().ToList();
        var optionPrices = optionIds.Count == 0
            ? []
            : await db.ProductOptionPrices.AsNoTracking().Where(p => optionIds.Contains(p.ProductOptionId))
                .Select(p => new { p.ProductOptionId, p.CurrencyId, p.Period, p.Base, p.Idle }).ToListAsync(cancellationToken);

        // Looked up per service, not scanned: billing reads plans for a batch of hundreds at once.
        var choicesOf = choices.ToLookup(c => c.ServiceId);
        var pricesOf = optionPrices.ToLookup(p => p.ProductOptionId);
        return rows.ToDictionary(r => r.Id, r =>
        {
            // An option is charged at its price of the service's currency and period; an option without one is free.
            var options = choicesOf[r.Id]
                .Select(c => (Choice: c, Price: pricesOf[c.ProductOptionId].FirstOrDefault(p => p.CurrencyId == r.CurrencyId && p.Period == r.Period)))
                .Where(x => x.Price is not null)
                .Select(x => new BillableOption(x.Price!.Base, x.Price.Idle, x.Choice.AddedAt))
                .ToList();
            return new ServicePlan(r.Id, r.ClientId, Title(Translations.Resolve(r.Name, "en", "Service"), r.Id), r.CurrencyCode, r.Period, r.HourlyBilling, r.AllowIdle,
                r.ModuleKey, r.Setup, r.Base, r.Idle, r.Uninstall, options, r.TerminationDelayHours, r.CancellationDelayHours);
        });
    }

    public static async Task<ServicePlan> PlanAsync(AppDbContext db, Guid serviceId, CancellationToken cancellationToken) =>
        (await PlansAsync(db, [serviceId], cancellationToken)).GetValueOrDefault(serviceId)
        ?? throw new NotFoundException("The service does not exist.");
}
