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
        return await PaymentStarts.StartAsync(db, modules, moduleContexts, secrets, services, d, request.GatewayId, cancellationToken);
    }
}
