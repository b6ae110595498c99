using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// Held payments, newest first: with <see cref="ClientId"/> a client's, without it every client's (Finance → Invoices);
/// <see cref="OpenOnly"/> keeps those still waiting for staff. At most <see cref="Limit"/> rows: held money is rare, and
/// the open ones are what staff work through.
/// </summary>
[RequiresPermission(Permissions.InvoicesView)]
public sealed record ListHeldPayments(Guid? ClientId = null, bool OpenOnly = true) : IQuery<IReadOnlyList<HeldPaymentDto>>
{
    public const int Limit = 200;
}

public sealed class ListHeldPaymentsHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules) : IRequestHandler<ListHeldPayments, IReadOnlyList<HeldPaymentDto>>
{
    public async Task<IReadOnlyList<HeldPaymentDto>> Handle(ListHeldPayments request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.HeldPayments.AsNoTracking();
        if (request.ClientId is { } clientId) query = query.Where(h => h.ClientId == clientId);
        if (request.OpenOnly) query = query.Where(h => h.Status == HeldPaymentStatus.Held);
        var rows = await query.OrderByDescending(h => h.CreatedAt).ThenBy(h => h.Id).Take(ListHeldPayments.Limit)
            .Select(h => new
            {
                Held = h,
                Client = db.Clients.Where(c => c.Id == h.ClientId).Select(c => new { c.FirstName, c.LastName, c.CompanyName }).First(),
                Document = db.Documents.Where(d => d.Id == h.DocumentId).Select(d => new { d.Number, d.CurrencyDecimals }).First(),
                Gateway = db.PaymentGateways.Where(g => g.Id == h.PaymentGatewayId).First(),
                Staff = db.StaffAccounts.Where(s => s.Id == h.ResolvedByStaffId).Select(s => s.FirstName + " " + s.LastName).FirstOrDefault(),
                AppliedTo = db.Payments.Where(p => p.Id == h.PaymentId)
                    .Select(p => new { p.DocumentId, Number = db.Documents.Where(d => d.Id == p.DocumentId).Select(d => d.Number).First() }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var codes = rows.Select(r => r.Held.CurrencyCode).Distinct().ToList();
        var currencies = await db.Currencies.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, cancellationToken);
        return rows.Select(r =>
        {
            var h = r.Held;
            return new HeldPaymentDto(h.Id, h.ClientId, Client.NameOf(r.Client.FirstName, r.Client.LastName, r.Client.CompanyName), h.DocumentId, r.Document.Number, h.PaymentGatewayId, PaymentGatewayRules.DisplayName(modules, r.Gateway), r.Gateway.HomeCompanyId,
                h.GatewayEventId, h.Amount, h.CurrencyCode, PaymentRules.Text(currencies.GetValueOrDefault(h.CurrencyCode), h.Amount, r.Document.CurrencyDecimals, h.CurrencyCode),
                h.ReceivedAt, h.Reference, h.Reason, h.Status, h.CreatedAt, h.ResolvedAt, r.Staff, h.ResolutionNote, h.PaymentId, r.AppliedTo?.DocumentId, r.AppliedTo?.Number);
        }).ToList();
    }
}
