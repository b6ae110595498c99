using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Held payments as the console's list and the client area show them.</summary>
internal static class HeldPaymentRules
{
    /// <summary>The held payments of <paramref name="query"/>, newest first, at most <see cref="ListHeldPayments.Limit"/>, in a few queries.</summary>
    internal static async Task<IReadOnlyList<HeldPaymentDto>> ListAsync(AppDbContext db, IModuleCatalog modules, IQueryable<HeldPayment> query,
        CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking().OrderByDescending(h => h.CreatedAt).ThenBy(h => h.Id).Take(ListHeldPayments.Limit)
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
            var currency = currencies.GetValueOrDefault(h.CurrencyCode);
            var decimals = currency?.Decimals ?? r.Document.CurrencyDecimals;
            string Text(decimal amount) => PaymentRules.Text(currency, amount, decimals, h.CurrencyCode);
            return new HeldPaymentDto(h.Id, h.ClientId, Client.NameOf(r.Client.FirstName, r.Client.LastName, r.Client.CompanyName), h.DocumentId, r.Document.Number, h.PaymentGatewayId, PaymentGatewayRules.DisplayName(modules, r.Gateway), r.Gateway.HomeCompanyId,
                h.GatewayEventId, h.Amount - h.RefundedAmount, h.CurrencyCode, Text(h.Amount - h.RefundedAmount), Text(h.Amount), h.RefundedAmount > 0m ? Text(h.RefundedAmount) : null,
                h.ReceivedAt, h.Reference, h.Reason, h.Status, h.CreatedAt, h.ResolvedAt, r.Staff, h.ResolutionNote, h.PaymentId, r.AppliedTo?.DocumentId, r.AppliedTo?.Number);
        }).ToList();
    }
}
