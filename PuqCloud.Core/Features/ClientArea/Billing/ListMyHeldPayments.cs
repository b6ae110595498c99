using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// Money the client paid that its proforma could not take and that staff have not applied or given back yet (see
/// <see cref="HeldPayment"/>), newest first: the client sees that it arrived, how much, through which gateway and for
/// which proforma, so that nobody pays a third time; why it is held and staff's notes stay in the console.
/// </summary>
[ClientMember(ClientPermissions.ManageInvoices)]
public sealed record ListMyHeldPayments(Guid ClientId) : IQuery<IReadOnlyList<MyHeldPayment>>, IClientScoped;

/// <summary>A payment of the client's that is held: what came, when, through which gateway, for which document.</summary>
public sealed record MyHeldPayment(Guid Id, string AmountText, DateTime ReceivedAt, string GatewayName, Guid DocumentId, string? DocumentNumber);

public sealed class ListMyHeldPaymentsHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules) : IRequestHandler<ListMyHeldPayments, IReadOnlyList<MyHeldPayment>>
{
    public async Task<IReadOnlyList<MyHeldPayment>> Handle(ListMyHeldPayments request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.HeldPayments.AsNoTracking().Where(h => h.ClientId == request.ClientId && h.Status == HeldPaymentStatus.Held)
            .OrderByDescending(h => h.CreatedAt).ThenBy(h => h.Id).Take(ListHeldPayments.Limit)
            .Select(h => new
            {
                Held = h,
                Document = db.Documents.Where(d => d.Id == h.DocumentId).Select(d => new { d.Number, d.CurrencyDecimals }).First(),
                Gateway = db.PaymentGateways.Where(g => g.Id == h.PaymentGatewayId).First(),
            })
            .ToListAsync(cancellationToken);
        var codes = rows.Select(r => r.Held.CurrencyCode).Distinct().ToList();
        var currencies = await db.Currencies.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, cancellationToken);
        return rows.Select(r => new MyHeldPayment(r.Held.Id,
            PaymentRules.Text(currencies.GetValueOrDefault(r.Held.CurrencyCode), r.Held.Amount, r.Document.CurrencyDecimals, r.Held.CurrencyCode),
            r.Held.ReceivedAt, PaymentGatewayRules.DisplayName(modules, r.Gateway), r.Held.DocumentId, r.Document.Number)).ToList();
    }
}
