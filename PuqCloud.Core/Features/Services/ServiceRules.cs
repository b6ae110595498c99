using FluentValidation;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>Steps the service use cases share: run a lifecycle step in a transaction, and read a service page.</summary>
public static class ServiceRules
{
    /// <summary>The field rule of a service's label, for staff's and the client's request alike.</summary>
    public static IRuleBuilderOptions<T, string?> ServiceLabel<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(100).WithMessage("Use at most 100 characters.");

    /// <summary>A label as stored: trimmed, or none when blank.</summary>
    public static string? LabelOf(string? label) => string.IsNullOrWhiteSpace(label) ? null : label.Trim();

    public static string ActorName(ActorContext actors) => actors.Current.Name ?? (actors.Current.IsSystem ? "system" : "staff");

    public const string NoSuchService = "The service does not exist.";

    /// <summary>
    /// Loads the service and its plan, runs <paramref name="step"/> in a transaction, saves, commits, wakes the task
    /// workers and tells open pages; then reads the service page. A refusal or a lost race leaves nothing written.
    /// <paramref name="notFound"/> is the answer for an id that names no service (the client area gives the one it gives for
    /// another client's service, so that an id tells a client nothing).
    /// </summary>
    public static async Task<ServiceDetails> ChangeAsync(IDbContextFactory<AppDbContext> contexts, Guid serviceId, BillingClock clock, TaskSignal signal, ILiveEvents live,
        Func<AppDbContext, Service, ServicePlan, DateTime, Task> step, CancellationToken cancellationToken, string notFound = NoSuchService)
    {
        Guid clientId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var service = await db.Services.FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken)
                ?? throw new NotFoundException(notFound);
            var plan = await BillingData.PlanAsync(db, serviceId, cancellationToken);
            try
            {
                // A step may save on its way (a package change reads the new plan back), so its saves lose the race here too.
                await step(db, service, plan, clock.UtcNow);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new RuleViolationException("The service changed while this was done (billing or someone else). Look at it again and retry.");
            }
            await transaction.CommitAsync(cancellationToken);
            clientId = service.ClientId;
        }
        signal.Notify();
        await live.PublishAsync(new LiveEvent(ServiceTopics.Services, clientId.ToString(), clock.UtcNow), cancellationToken);
        return await DetailsAsync(contexts, serviceId, clock, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="step"/> on the service as <see cref="ChangeAsync"/> would, in a transaction that is rolled back:
    /// answers the ledger rows it would post (in order), or the refusal's message, and the client's currency. Nothing is
    /// kept, no task is queued and no page is told. A preview made this way cannot drift from what the step does.
    /// </summary>
    public static async Task<(IReadOnlyList<LedgerEntry> Rows, string? Refusal, Domain.Reference.Currency Currency)> DryRunAsync(IDbContextFactory<AppDbContext> contexts,
        Guid serviceId, BillingClock clock, Func<AppDbContext, Service, ServicePlan, DateTime, Task> step, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken) ?? throw new NotFoundException(NoSuchService);
        var currency = await db.Clients.AsNoTracking().Where(c => c.Id == service.ClientId).Select(c => c.Currency!).FirstAsync(cancellationToken);
        var plan = await BillingData.PlanAsync(db, serviceId, cancellationToken);
        try
        {
            await step(db, service, plan, clock.UtcNow);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (RuleViolationException refused)
        {
            return ([], refused.Message, currency);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ([], "The service changed while this was worked out (billing or someone else). Look at it again and retry.", currency);
        }
        // The rows this step posted, as this context holds them (the ledger's rows are written through it): rows other writers
        // committed meanwhile, for this service or another, are not the step's.
        var rows = db.ChangeTracker.Entries<LedgerEntry>().Select(e => e.Entity).OrderBy(e => e.Sequence).ToList();
        await transaction.RollbackAsync(cancellationToken);
        return (rows, null, currency);
    }

    /// <summary>
    /// What a service costs per hour now: for a metered service the rate of the next hour billing charges (the hour that
    /// has begun is paid already, so an option added in it counts from there); a price per period is divided by the hours
    /// of that hour's period (also for a service paid per period, to add it to a client's cost per hour). Zero for one-time.
    /// </summary>
    public static (decimal Rate, decimal Price, DateTime At, bool Metered) CurrentRate(ServicePlan plan, Service s, DateTime now)
    {
        var billable = plan.Billable(s.IsIdle, s.BillingAnchor ?? now, s.PaidUntil ?? now);
        var at = s.PaidUntil is { } paidUntil && paidUntil > now ? paidUntil : now;
        var price = ServiceCharges.PriceAt(billable, at);
        var rate = plan.Period == PricePeriod.OneTime ? 0m : BillingPeriods.HourlyRate(plan.Period, price, at);
        return (rate, price, at, billable.Metered);
    }

    /// <summary>What a period of the service costs as it stands: its base price (the idle price while idle) and every option it holds, as billing charges it.</summary>
    public static decimal PricePerPeriod(ServicePlan plan, bool isIdle) =>
        ServiceCharges.PriceAt(plan.Billable(isIdle, DateTime.MinValue, DateTime.MinValue), DateTime.MaxValue);

    public static async Task<ServiceDetails> DetailsAsync(IDbContextFactory<AppDbContext> contexts, Guid serviceId, BillingClock clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var s = await db.Services.AsNoTracking().FirstOrDefaultAsync(x => x.Id == serviceId, cancellationToken)
            ?? throw new NotFoundException(NoSuchService);
        var plan = await BillingData.PlanAsync(db, serviceId, cancellationToken);
        var product = await db.Products.AsNoTracking().Where(p => p.Id == s.ProductId).Select(p => new { p.Key, p.Name }).FirstAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == s.ClientId).Select(c => new { c.FirstName, c.LastName, c.CompanyName, c.Balance, Currency = c.Currency! })
            .FirstAsync(cancellationToken);
        // A service is billed in its client's currency (CreateService and change package hold to it).
        var currency = client.Currency;
        var options = await OptionsAsync(db, s, plan, currency, cancellationToken);
        // Charges only: the total is small per service, so it is added up here exactly (SQLite keeps decimals as text).
        var charged = (await db.LedgerEntries.AsNoTracking().Where(e => e.ServiceId == s.Id).Select(e => e.Amount).ToListAsync(cancellationToken)).Sum(a => -a);
        var now = clock.UtcNow;
        var current = CurrentRate(plan, s, now);
        var metered = current.Metered && plan.Period != PricePeriod.OneTime;
        var (ratePrice, rateAt) = (current.Price, current.At);
        decimal? rate = metered ? current.Rate : null;
        var rateBasis = metered && plan.Period != PricePeriod.Hourly
            ? $"{currency.FormatAmount(ratePrice)} ÷ {BillingPeriods.HoursIn(plan.Period, rateAt)} h"
            : null;
        var clientName = Client.NameOf(client.FirstName, client.LastName, client.CompanyName);
        return new ServiceDetails(s.Id, plan.Title, s.ClientId, clientName, client.Balance, client.Currency.FormatAmount(client.Balance),
            s.ProductId, Translations.Resolve(product.Name, Languages.Default, product.Key), product.Key, s.ProductPriceId, plan.ModuleKey, plan.AllowIdle, plan.HourlyBilling,
            s.Status, s.IsIdle, s.IsManual, s.Label, s.ProvisionStatus,
            string.IsNullOrEmpty(s.ProvisionData) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(s.ProvisionData) ?? [],
            s.ProvisionError, plan.Period, plan.CurrencyCode, plan.Setup, plan.Base, plan.Idle, plan.Uninstall,
            currency.FormatAmount(PricePerPeriod(plan, s.IsIdle)), rate, options,
            s.OrderedAt, s.ActivatedAt, s.BillingAnchor, s.PaidUntil, s.NextChargeAt, s.SuspendedAt, s.SuspensionReason, s.TerminationRequestedAt, s.TerminatedAt, s.CancelledAt,
            charged, currency.FormatAmount(charged, MoneyRounding.LedgerDecimals),
            currency.FormatAmount(plan.Setup), currency.FormatAmount(plan.Idle), currency.FormatAmount(plan.Uninstall),
            rate is { } r ? currency.FormatAmount(r, MoneyRounding.RateDecimals) : null, rateBasis)
        {
            TerminationRequestedByStaff = s.TerminationRequestedByStaff,
            ProvisionedAt = s.ProvisionedAt,
            UninstallWaived = plan.Uninstall > 0 && await ServiceSteps.NeverMadeAsync(db, s, plan, cancellationToken),
            RetryableModuleAction = await ServiceSteps.RetryableActionAsync(db, s, plan, cancellationToken),
        };
    }

    private static async Task<IReadOnlyList<ServiceOptionDto>> OptionsAsync(AppDbContext db, Service s, ServicePlan plan, Domain.Reference.Currency currency, CancellationToken cancellationToken)
    {
        var rows = await db.ServiceOptions.AsNoTracking().Where(o => o.ServiceId == s.Id)
            .Join(db.ProductOptions, c => c.ProductOptionId, o => o.Id, (c, o) => new { c.AddedAt, Option = o })
            .Join(db.OptionGroups, x => x.Option.OptionGroupId, g => g.Id, (x, g) => new { x.AddedAt, x.Option.Id, OptionName = x.Option.Name, x.Option.Key, GroupName = g.Name })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        // What each option is charged: its idle price while the service is idle.
        var prices = await db.ProductOptionPrices.AsNoTracking().Where(p => ids.Contains(p.ProductOptionId) && p.CurrencyId == currency.Id && p.Period == plan.Period)
            .ToDictionaryAsync(p => p.ProductOptionId, p => s.IsIdle ? p.Idle : p.Base, cancellationToken);
        return rows.Select(r => new ServiceOptionDto(r.Id, Translations.Resolve(r.GroupName, Languages.Default), Translations.Resolve(r.OptionName, Languages.Default, r.Key),
            prices.GetValueOrDefault(r.Id), currency.FormatAmount(prices.GetValueOrDefault(r.Id)), r.AddedAt)).ToList();
    }

    private static readonly SortMap<Service> ListSorts = new SortMap<Service>("-orderedAt")
        .Add("orderedAt", s => s.OrderedAt)
        .Add("status", s => s.Status)
        .Add("nextChargeAt", s => s.NextChargeAt)
        .Add("label", s => s.Label);

    /// <summary>A page of services as <see cref="ListServices"/> describes it; the client area's list shares it.</summary>
    public static async Task<PagedResult<ServiceListItem>> PageAsync(AppDbContext db, PageRequest page, ServiceStatus? status, Guid? productId, Guid? clientId,
        CancellationToken cancellationToken)
    {
        var query = db.Services.AsNoTracking();
        if (status is { } wanted) query = query.Where(s => s.Status == wanted);
        if (productId is { } product) query = query.Where(s => s.ProductId == product);
        if (clientId is { } client) query = query.Where(s => s.ClientId == client);
        if (page.SearchText is { } search)
        {
            var p = PagingExtensions.LikePattern(search);
            query = query.Where(s =>
                EF.Functions.Like((s.Label ?? "").ToLower(), p, "\\") ||
                db.Products.Any(x => x.Id == s.ProductId && EF.Functions.Like(x.Key, p, "\\")) ||
                db.Clients.Any(c => c.Id == s.ClientId && (EF.Functions.Like((c.FirstName + " " + c.LastName).ToLower(), p, "\\") ||
                                                           EF.Functions.Like((c.CompanyName ?? "").ToLower(), p, "\\"))));
        }
        var rows = await query.ToPageAsync(page, ListSorts, s => new
        {
            s.Id, s.ClientId, s.ProductId, s.ProductPriceId, s.Status, s.IsIdle, s.IsManual, s.Label, s.NextChargeAt, s.PaidUntil, s.OrderedAt,
            HasOptions = db.ServiceOptions.Any(o => o.ServiceId == s.Id),
            Client = db.Clients.Where(c => c.Id == s.ClientId).Select(c => new { c.FirstName, c.LastName, c.CompanyName }).First(),
            Product = db.Products.Where(x => x.Id == s.ProductId).Select(x => new { x.Key, x.Name, x.HourlyBilling }).First(),
            Price = db.ProductPrices.Where(x => x.Id == s.ProductPriceId).Select(x => new { x.Period, x.Base, x.Idle, Currency = x.Currency! }).First(),
        }, cancellationToken);
        // The price as charged, options included: the plans of the page's services in a few queries.
        var plans = await BillingData.PlansAsync(db, rows.Items.Select(s => new PlanSource(s.Id, s.ClientId, s.ProductPriceId, s.HasOptions)).ToList(), cancellationToken);
        return new PagedResult<ServiceListItem>(rows.Items.Select(s =>
        {
            var productName = Translations.Resolve(s.Product.Name, Languages.Default, s.Product.Key);
            var price = plans.TryGetValue(s.Id, out var plan) ? PricePerPeriod(plan, s.IsIdle) : s.IsIdle ? s.Price.Idle : s.Price.Base;
            return new ServiceListItem(s.Id, BillingData.Title(productName, s.Id), s.ClientId,
                Client.NameOf(s.Client.FirstName, s.Client.LastName, s.Client.CompanyName),
                s.ProductId, productName, s.Product.Key, s.Status, s.IsIdle, s.IsManual, s.Label, s.Price.Period,
                s.Product.HourlyBilling || s.Price.Period == PricePeriod.Hourly, price, s.Price.Currency.Code, s.Price.Currency.FormatAmount(price),
                s.NextChargeAt, s.PaidUntil, s.OrderedAt);
        }).ToList(), rows.Total, rows.Page, rows.PageSize);
    }
}
