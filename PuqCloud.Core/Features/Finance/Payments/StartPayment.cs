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

/// <summary>
/// How to pay an unpaid proforma through one gateway: the gateway's module answers instructions (Bank Transfer: the
/// company's account and the document number as the reference) and/or a page to send the payer to, for what is still
/// due. Only an enabled gateway of the document's company that takes its currency. Nothing is written.
/// </summary>
[RequiresPermission(Permissions.InvoicesView)]
public sealed record StartPayment(Guid DocumentId, Guid? GatewayId) : IQuery<PaymentInstructions>;

public sealed class StartPaymentValidator : AbstractValidator<StartPayment>
{
    public StartPaymentValidator() => RuleFor(x => x.GatewayId).NotNull().WithMessage("Choose a payment gateway.");
}

public sealed class StartPaymentHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules, ModuleContextFactory moduleContexts,
    ISecretProtector secrets, IServiceProvider services) : IRequestHandler<StartPayment, PaymentInstructions>
{
    public async Task<PaymentInstructions> Handle(StartPayment request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var d = await db.Documents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == request.DocumentId, cancellationToken)
                ?? throw new NotFoundException("There is no such document.");
        if (d is not { Kind: DocumentType.Proforma, Status: DocumentStatus.Unpaid })
            throw new RuleViolationException($"{d.Number} is not an unpaid proforma: there is nothing to pay.");
        var choices = await PaymentRules.ChoicesAsync(db, modules, d.HomeCompanyId, d.CurrencyCode, cancellationToken);
        if (choices.All(c => c.Id != request.GatewayId))
            throw RequestValidationException.For(nameof(StartPayment.GatewayId), $"Choose an enabled gateway of the issuing company that takes {d.CurrencyCode}.");
        var gateway = await PaymentRules.GatewayAsync(db, modules, request.GatewayId!.Value, nameof(StartPayment.GatewayId), cancellationToken);
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
}
