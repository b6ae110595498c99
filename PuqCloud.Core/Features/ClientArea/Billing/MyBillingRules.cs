using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// Steps the client area's money and service requests share. The authorization behaviour has checked the user belongs to
/// the client the request names; these steps make sure a document or service named by id is that client's, answering
/// another client's exactly as a missing one, so ids reveal nothing.
/// </summary>
public static class MyBillingRules
{
    public const string NoSuchDocument = "There is no such document among yours.";
    public const string NoSuchService = "There is no such service among yours.";
    public const string NoOnlinePayments = "Payments for this account are not taken online. Please contact us.";
    public const string ClosedNoTopUp = "This account is closed and cannot be topped up. Please contact us.";

    /// <summary>
    /// Money the client itself starts to send: a client flagged as fraud starts no online payment and issues no add-funds
    /// proforma (a stolen card's payment comes back as a chargeback), and a closed one tops up nothing (it has nothing to
    /// spend it on). Staff still issue proformas and record payments they received for either.
    /// </summary>
    internal static async Task EnsureMaySendMoneyAsync(AppDbContext db, Guid clientId, bool topUp, CancellationToken cancellationToken)
    {
        var status = await db.Clients.Where(c => c.Id == clientId).Select(c => (ClientStatus?)c.Status).FirstOrDefaultAsync(cancellationToken);
        if (status == ClientStatus.Fraud) throw new RuleViolationException(NoOnlinePayments);
        if (topUp && status == ClientStatus.Closed) throw new RuleViolationException(ClosedNoTopUp);
    }

    internal static async Task EnsureDocumentOfAsync(AppDbContext db, Guid clientId, Guid documentId, CancellationToken cancellationToken)
    {
        if (!await db.Documents.AnyAsync(d => d.Id == documentId && d.ClientId == clientId, cancellationToken))
            throw new NotFoundException(NoSuchDocument);
    }

    /// <summary>The client's issued document (never a draft) for reading, or not found.</summary>
    internal static async Task<Document> DocumentOfAsync(AppDbContext db, Guid clientId, Guid documentId, CancellationToken cancellationToken) =>
        await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ClientId == clientId && d.Status != DocumentStatus.Draft, cancellationToken)
        ?? throw new NotFoundException(NoSuchDocument);

    internal static async Task EnsureServiceOfAsync(AppDbContext db, Guid clientId, Guid serviceId, CancellationToken cancellationToken)
    {
        if (!await db.Services.AnyAsync(s => s.Id == serviceId && s.ClientId == clientId, cancellationToken))
            throw new NotFoundException(NoSuchService);
    }

    /// <summary>Inside a change: refuses a service of another client before anything is written.</summary>
    internal static void EnsureServiceOf(Service service, Guid clientId)
    {
        if (service.ClientId != clientId) throw new NotFoundException(NoSuchService);
    }

    /// <summary>A service page as its client sees it: without what only staff work with (the module's raw data, its last error, manual mode).</summary>
    internal static ServiceDetails ForClient(ServiceDetails details) =>
        details with { ProvisionData = new Dictionary<string, string>(), ProvisionError = null, IsManual = false };

    /// <summary>A row of the services list as its client sees it: without manual mode (staff's choice to charge it past the funds and never suspend it).</summary>
    internal static ServiceListItem ForClient(ServiceListItem item) => item with { IsManual = false };
}

/// <summary>The dashboard's figures: cost at the current rates, the suggested top-up and the low-balance alert.</summary>
public static class MyDashboardRules
{
    /// <summary>The suggested top-up covers this many days of the current cost.</summary>
    public const int TopUpDays = 30;

    /// <summary>The balance is low when the available funds (balance plus credit limit) cover fewer days of the current cost than this.</summary>
    public const int LowBalanceDays = 3;

    /// <summary>
    /// The sum of the current hourly rates (<see cref="ServiceRules.CurrentRate"/>) of the active services billing charges
    /// again (not those whose termination is requested), 4 decimals.
    /// </summary>
    internal static async Task<decimal> CostPerHourAsync(AppDbContext db, Guid clientId, DateTime now, CancellationToken cancellationToken)
    {
        var services = await db.Services.AsNoTracking()
            .Where(s => s.ClientId == clientId && s.Status == ServiceStatus.Active && s.TerminationRequestedAt == null).ToListAsync(cancellationToken);
        if (services.Count == 0) return 0m;
        var ids = services.Select(s => s.Id).ToList();
        var withOptions = await db.ServiceOptions.AsNoTracking().Where(o => ids.Contains(o.ServiceId)).Select(o => o.ServiceId).Distinct().ToListAsync(cancellationToken);
        var plans = await BillingData.PlansAsync(db, services.Select(s => new PlanSource(s.Id, s.ClientId, s.ProductPriceId, withOptions.Contains(s.Id))).ToList(),
            cancellationToken);
        return MoneyRounding.Rate(services.Where(s => plans.ContainsKey(s.Id)).Sum(s => ServiceRules.CurrentRate(plans[s.Id], s, now).Rate));
    }

    /// <summary>Per day: 24 hours of the hourly cost.</summary>
    public static decimal PerDay(decimal perHour) => MoneyRounding.Rate(perHour * 24m);

    /// <summary>Per month: the hours of the current calendar month (a monthly price shows as itself, give or take the hourly rate's 4 decimals).</summary>
    public static decimal PerMonth(decimal perHour, DateTime now) => MoneyRounding.Rate(perHour * BillingPeriods.HoursIn(PricePeriod.Monthly, now));

    /// <summary><see cref="TopUpDays"/> days of cost plus what the balance is below zero, rounded up to the currency's minor unit.</summary>
    public static decimal SuggestedTopUp(decimal perHour, decimal balance, int decimals)
    {
        var wanted = perHour * 24m * TopUpDays + Math.Max(0m, -balance);
        if (wanted <= 0m) return 0m;
        var scale = 1m;
        for (var i = 0; i < decimals; i++) scale *= 10m;
        return Math.Ceiling(wanted * scale) / scale;
    }

    /// <summary>Days the available funds cover at the hourly cost (null when nothing costs anything), 1 decimal.</summary>
    public static decimal? DaysCovered(decimal perHour, decimal available) =>
        perHour <= 0m ? null : Math.Max(0m, decimal.Round(available / (perHour * 24m), 1, MidpointRounding.ToZero));

    /// <summary>Low: below zero, or covering fewer than <see cref="LowBalanceDays"/> days of the current cost.</summary>
    public static bool IsLow(decimal balance, decimal? daysCovered) => balance < 0m || daysCovered is { } days && days < LowBalanceDays;
}
