using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Steps the payment use cases share: a gateway with its active module, the gateways a document can use, payments as lists show them.</summary>
internal static class PaymentRules
{
    internal sealed record GatewayModule(PaymentGateway Gateway, IPaymentModule Module, ModuleDescriptor Descriptor, ApplyPaymentEvent.Gateway Info);

    /// <summary>The gateway and its module, which must be an active Payment module (a switched-off module takes nothing).</summary>
    internal static async Task<GatewayModule> GatewayAsync(AppDbContext db, IModuleCatalog modules, Guid gatewayId, string field, CancellationToken cancellationToken)
    {
        var gateway = await db.PaymentGateways.AsNoTracking().Include(g => g.Settings).FirstOrDefaultAsync(g => g.Id == gatewayId, cancellationToken)
            ?? throw RequestValidationException.For(field, "There is no such payment gateway.");
        var descriptor = (await modules.ActiveAsync(cancellationToken)).FirstOrDefault(m => m.Key == gateway.ModuleKey);
        if (descriptor?.Instance is not IPaymentModule module)
            throw new RuleViolationException($"The module of {gateway.Key} ({gateway.ModuleKey}) is not active: activate it under Settings → Modules.");
        return new GatewayModule(gateway, module, descriptor, Info(modules, gateway));
    }

    /// <summary>The gateway as <see cref="ApplyPaymentEvent"/> checks it: its company, name and currencies.</summary>
    internal static ApplyPaymentEvent.Gateway Info(IModuleCatalog modules, PaymentGateway gateway) =>
        new(gateway.Id, gateway.HomeCompanyId, PaymentGatewayRules.DisplayName(modules, gateway), gateway.Currencies);

    /// <summary>The enabled gateways of the company that take the currency, in their order.</summary>
    internal static async Task<IReadOnlyList<PaymentGatewayChoice>> ChoicesAsync(AppDbContext db, IModuleCatalog modules, Guid companyId, string currencyCode,
        CancellationToken cancellationToken)
    {
        var active = (await modules.ActiveAsync(cancellationToken)).Where(m => m.Instance is IPaymentModule).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var gateways = await db.PaymentGateways.AsNoTracking().Where(g => g.HomeCompanyId == companyId && g.IsEnabled)
            .OrderBy(g => g.Position).ThenBy(g => g.Key).ToListAsync(cancellationToken);
        return gateways.Where(g => g.Allows(currencyCode) && active.Contains(g.ModuleKey))
            .Select(g => new PaymentGatewayChoice(g.Id, g.Key, PaymentGatewayRules.DisplayName(modules, g), g.ModuleKey)).ToList();
    }

    internal static async Task<IReadOnlyList<PaymentDto>> ListAsync(AppDbContext db, IModuleCatalog modules, IQueryable<Payment> payments, CancellationToken cancellationToken)
    {
        var rows = await payments.AsNoTracking().OrderBy(p => p.ReceivedAt).ThenBy(p => p.CreatedAt)
            .Select(p => new
            {
                Payment = p,
                Number = db.Documents.Where(d => d.Id == p.DocumentId).Select(d => d.Number).First(),
                Decimals = db.Documents.Where(d => d.Id == p.DocumentId).Select(d => d.CurrencyDecimals).First(),
                Gateway = db.PaymentGateways.Where(g => g.Id == p.PaymentGatewayId).Select(g => new { g.Key, g.Name, g.ModuleKey }).First(),
                Staff = db.StaffAccounts.Where(s => s.Id == p.StaffAccountId).Select(s => s.FirstName + " " + s.LastName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Payment.Id).ToList();
        var refunds = (await db.Refunds.AsNoTracking().Where(r => ids.Contains(r.PaymentId)).OrderBy(r => r.CreatedAt)
                .Select(r => new
                {
                    Refund = r,
                    CreditNote = db.Documents.Where(d => d.Id == r.CreditNoteId).Select(d => d.Number).FirstOrDefault(),
                    Staff = db.StaffAccounts.Where(s => s.Id == r.StaffAccountId).Select(s => s.FirstName + " " + s.LastName).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.Refund.PaymentId);
        var codes = rows.Select(r => r.Payment.CurrencyCode).Distinct().ToList();
        var currencies = await db.Currencies.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, cancellationToken);
        return rows.Select(r =>
        {
            var p = r.Payment;
            string Format(decimal amount) => Text(currencies.GetValueOrDefault(p.CurrencyCode), amount, r.Decimals, p.CurrencyCode);
            return new PaymentDto(p.Id, p.DocumentId, r.Number, p.PaymentGatewayId, r.Gateway.Key, r.Gateway.Name.Length > 0 ? r.Gateway.Name : PaymentGatewayRules.ModuleName(modules, r.Gateway.ModuleKey), p.GatewayEventId,
                p.Amount, p.NetAmount, p.CurrencyCode, Format(p.Amount), Format(p.NetAmount), p.ReceivedAt, p.Reference, p.StaffAccountId, r.Staff, p.LedgerEntryId, p.CreatedAt,
                refunds[p.Id].Select(f => new PaymentRefundDto(f.Refund.Id, f.Refund.Amount, Format(f.Refund.Amount), f.Refund.CreatedAt, f.Refund.Reason, f.Refund.CreditNoteId,
                    f.CreditNote, f.Staff)).ToList(),
                Format(refunds[p.Id].Sum(f => f.Refund.Amount)));
        }).ToList();
    }

    /// <summary>A payment staff recorded or applied, as the console and the API show it, with its final invoice's number.</summary>
    internal static async Task<RecordedPayment> RecordedAsync(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules, AppliedPayment applied,
        CancellationToken cancellationToken)
    {
        var paymentId = applied.PaymentId ?? throw new InvalidOperationException("A staff entry is never held.");
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        var payment = (await ListAsync(read, modules, read.Payments.Where(p => p.Id == paymentId), cancellationToken))[0];
        var invoiceNumber = applied.InvoiceId is { } invoiceId ? await read.Documents.Where(d => d.Id == invoiceId).Select(d => d.Number).FirstOrDefaultAsync(cancellationToken) : null;
        return new RecordedPayment(payment, applied.Duplicate, applied.InvoiceId, invoiceNumber);
    }

    internal static string Text(Currency? currency, decimal amount, int decimals, string code) =>
        currency is not null ? currency.FormatAmount(amount, decimals)
            : $"{MoneyRounding.MinorUnit(amount, decimals).ToString("N" + decimals, System.Globalization.CultureInfo.InvariantCulture)} {code}";
}
