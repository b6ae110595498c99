using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// The client area's home for any member of the client: balance and credit, services by state, the cost per hour, day and
/// month of the active services at their current rates, a suggested top-up and the alerts (<see cref="MyDashboardRules"/>).
/// </summary>
[ClientMember]
public sealed record GetMyDashboard(Guid ClientId) : IQuery<MyDashboard>, IClientScoped;

public sealed class GetMyDashboardHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock) : IRequestHandler<GetMyDashboard, MyDashboard>
{
    public async Task<MyDashboard> Handle(GetMyDashboard request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == request.ClientId)
                         .Select(c => new { c.Balance, c.CreditLimit, Currency = c.Currency! }).FirstOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException("There is no such client among yours.");
        var currency = client.Currency;
        var statuses = await db.Services.AsNoTracking().Where(s => s.ClientId == request.ClientId).GroupBy(s => s.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(ServiceStatus status) => statuses.FirstOrDefault(s => s.Status == status)?.Count ?? 0;

        var perHour = await MyDashboardRules.CostPerHourAsync(db, request.ClientId, now, cancellationToken);
        var perDay = MyDashboardRules.PerDay(perHour);
        var perMonth = MyDashboardRules.PerMonth(perHour, now);
        var available = client.Balance + client.CreditLimit;
        var days = MyDashboardRules.DaysCovered(perHour, available);
        var topUp = MyDashboardRules.SuggestedTopUp(perHour, client.Balance, currency.Decimals);

        // Totals are added up here: SQLite keeps decimals as text, and a client has few unpaid proformas.
        var unpaid = await db.Documents.AsNoTracking()
            .Where(d => d.ClientId == request.ClientId && d.Kind == DocumentType.Proforma && d.Status == DocumentStatus.Unpaid)
            .Select(d => new { d.Id, d.Total, d.AmountPaid, d.DueAt, d.CreatedAt }).ToListAsync(cancellationToken);
        var first = unpaid.OrderBy(d => d.DueAt ?? DateTime.MaxValue).ThenBy(d => d.CreatedAt).FirstOrDefault();

        return new MyDashboard(request.ClientId, currency.Code, currency.Decimals,
            client.Balance, client.CreditLimit, available,
            currency.FormatAmount(client.Balance), currency.FormatAmount(client.CreditLimit), currency.FormatAmount(available),
            statuses.Sum(s => s.Count), Count(ServiceStatus.Active), Count(ServiceStatus.Suspended), Count(ServiceStatus.Pending),
            perHour, perDay, perMonth,
            currency.FormatAmount(perHour, MoneyRounding.RateDecimals), currency.FormatAmount(perDay), currency.FormatAmount(perMonth),
            topUp, currency.FormatAmount(topUp), days, MyDashboardRules.IsLow(client.Balance, days),
            unpaid.Count, currency.FormatAmount(unpaid.Sum(d => d.Total - d.AmountPaid)), first?.Id);
    }
}
