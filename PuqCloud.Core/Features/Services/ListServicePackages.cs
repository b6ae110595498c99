using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>
/// A price row a service may switch to, with the fee the switch would likely cost: <see cref="IsUp"/> compares the base
/// (or idle) prices alone, an estimate; the switch decides from the whole price with the options that stay, and
/// <see cref="PreviewServicePackage"/> answers exactly.
/// </summary>
public sealed record ServicePackageChoice(Guid ProductPriceId, Guid ProductId, string ProductName, string ProductKey, PricePeriod Period, decimal Base, string BaseText,
    bool IsUp, decimal SwitchFee, string SwitchFeeText);

/// <summary>
/// The packages an active service can switch to (see <see cref="ChangeServicePackage"/>): price rows of active products
/// with the same module, in the service's currency, of the same period unless the service is metered by the hour;
/// the current row left out. Ordered by product, then price.
/// </summary>
[RequiresPermission(Permissions.ServicesView)]
public sealed record ListServicePackages(Guid Id) : IQuery<IReadOnlyList<ServicePackageChoice>>;

public sealed class ListServicePackagesHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock) : IRequestHandler<ListServicePackages, IReadOnlyList<ServicePackageChoice>>
{
    public async Task<IReadOnlyList<ServicePackageChoice>> Handle(ListServicePackages request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var service = await db.Services.AsNoTracking().Where(s => s.Id == request.Id).Select(s => new { s.ProductPriceId, s.IsIdle })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(ServiceRules.NoSuchService);
        var plan = await BillingData.PlanAsync(db, request.Id, cancellationToken);
        var metered = plan.HourlyBilling || plan.Period == PricePeriod.Hourly;
        var rows = await db.ProductPrices.AsNoTracking()
            .Where(p => p.Id != service.ProductPriceId && p.Currency!.Code == plan.CurrencyCode && p.Period != PricePeriod.OneTime && (metered || p.Period == plan.Period))
            .Join(db.Products.Where(x => x.IsActive && x.ModuleKey == plan.ModuleKey), p => p.ProductId, x => x.Id,
                (p, x) => new { Price = p, x.Name, x.Key, x.HourlyBilling, Currency = p.Currency! })
            .ToListAsync(cancellationToken);
        // Up or down as the switch would decide it: the new package's price now against the current one's.
        var now = clock.UtcNow;
        var current = HourlyValue(plan.Period, service.IsIdle ? plan.Idle : plan.Base, now, metered);
        return rows.Select(r =>
            {
                var up = HourlyValue(r.Price.Period, service.IsIdle ? r.Price.Idle : r.Price.Base, now, metered) >= current;
                var fee = up ? r.Price.SwitchUp : r.Price.SwitchDown;
                return new ServicePackageChoice(r.Price.Id, r.Price.ProductId, Translations.Resolve(r.Name, Languages.Default, r.Key), r.Key, r.Price.Period,
                    r.Price.Base, r.Currency.FormatAmount(r.Price.Base), up, fee, r.Currency.FormatAmount(fee));
            })
            .OrderBy(c => c.ProductName, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Base).ToList();
    }

    private static decimal HourlyValue(PricePeriod period, decimal price, DateTime at, bool metered) =>
        metered ? BillingPeriods.HourlyRate(period, price, at) : price;
}
