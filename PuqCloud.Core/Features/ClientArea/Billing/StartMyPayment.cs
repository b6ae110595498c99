using FluentValidation;
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
/// How to pay one of the client's unpaid proformas through a gateway: the module's instructions (Bank Transfer: the
/// account and the proforma's number as the reference) and/or the page to go to. Nothing is written; the balance moves
/// when the gateway's payment arrives. Another client's id is not found.
/// </summary>
[ClientMember(ClientPermissions.ManageInvoices)]
public sealed record StartMyPayment(Guid ClientId, Guid DocumentId, Guid? GatewayId) : IQuery<PaymentInstructions>, IClientScoped;

public sealed class StartMyPaymentValidator : AbstractValidator<StartMyPayment>
{
    public StartMyPaymentValidator() => RuleFor(x => x.GatewayId).NotNull().WithMessage("Choose how to pay.");
}

public sealed class StartMyPaymentHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules, ModuleContextFactory moduleContexts,
    ISecretProtector secrets, IServiceProvider services) : IRequestHandler<StartMyPayment, PaymentInstructions>
{
    public async Task<PaymentInstructions> Handle(StartMyPayment request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var d = await MyBillingRules.DocumentOfAsync(db, request.ClientId, request.DocumentId, cancellationToken);
        await MyBillingRules.EnsureMaySendMoneyAsync(db, request.ClientId, topUp: false, cancellationToken);
        return await PaymentStarts.StartAsync(db, modules, moduleContexts, secrets, services, d, request.GatewayId, cancellationToken);
    }
}
