using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Paying a document through a gateway, as staff (StartPayment, GetDocumentPaymentOptions) and the client area (StartMyPayment, GetMyPaymentOptions) share it.</summary>
internal static class PaymentStarts
{
    internal static async Task<PaymentInstructions> StartAsync(AppDbContext db, IModuleCatalog modules, ModuleContextFactory moduleContexts, ISecretProtector secrets,
        IServiceProvider services, Document d, Guid? gatewayId, CancellationToken cancellationToken)
    {
        if (d is not { Kind: DocumentType.Proforma, Status: DocumentStatus.Unpaid })
            throw new RuleViolationException($"{d.Number} is not an unpaid proforma: there is nothing to pay.");
        var choices = await PaymentRules.ChoicesAsync(db, modules, d.HomeCompanyId, d.CurrencyCode, cancellationToken);
        if (choices.All(c => c.Id != gatewayId))
            throw RequestValidationException.For(nameof(StartPayment.GatewayId), $"Choose an enabled gateway of the issuing company that takes {d.CurrencyCode}.");
        var gateway = await PaymentRules.GatewayAsync(db, modules, gatewayId!.Value, nameof(StartPayment.GatewayId), cancellationToken);
        var company = DocumentParty.FromJson(d.CompanySnapshot);
        var client = DocumentParty.FromJson(d.ClientSnapshot);
        var start = await gateway.Module.StartPaymentAsync(moduleContexts.Create(gateway.Descriptor, services),
            new PaymentStartRequest(d.Id, d.Number ?? "", d.AmountDue, d.CurrencyCode, d.CurrencyDecimals, PaymentGatewayRules.Values(gateway.Gateway, secrets),
                new PaymentParty(company.LegalName ?? company.Name, company.Email, company.CountryCode, company.VatId),
                new PaymentParty(client.Name, client.Email, client.CountryCode, client.VatId)), cancellationToken);
        var currency = await db.Currencies.AsNoTracking().FirstOrDefaultAsync(c => c.Code == d.CurrencyCode, cancellationToken);
        return new PaymentInstructions(d.Id, gateway.Gateway.Id, gateway.Info.DisplayName, d.AmountDue, d.CurrencyCode,
            PaymentRules.Text(currency, d.AmountDue, d.CurrencyDecimals, d.CurrencyCode), start.Instructions, start.RedirectUrl?.ToString());
    }

    /// <summary>The options of a document: staff and the client area (GetMyPaymentOptions) share them.</summary>
    internal static async Task<DocumentPaymentOptions> OptionsAsync(AppDbContext db, IModuleCatalog modules, Document d, DateTime now, CancellationToken cancellationToken)
    {
        var currency = await db.Currencies.AsNoTracking().FirstOrDefaultAsync(c => c.Code == d.CurrencyCode, cancellationToken);
        var takes = d is { Kind: DocumentType.Proforma, Status: DocumentStatus.Unpaid };
        return new DocumentPaymentOptions(d.Id, d.Number, d.CurrencyCode, d.CurrencyDecimals, d.AmountDue, PaymentRules.Text(currency, d.AmountDue, d.CurrencyDecimals, d.CurrencyCode),
            takes, takes ? await PaymentRules.ChoicesAsync(db, modules, d.HomeCompanyId, d.CurrencyCode, cancellationToken) : [], now);
    }
}
