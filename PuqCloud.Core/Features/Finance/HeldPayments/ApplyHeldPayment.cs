using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// Staff apply held money to an unpaid proforma of the same client (another open proforma, or a top-up they issue for it):
/// all it still holds (what the gateway has not given back of it), as a payment through the gateway that took it and under the gateway's own event id, so that a refund
/// the gateway reports later finds it. The proforma's usual rules hold (company, currency, at most what is still due); the
/// payment credits the balance net of tax and may complete the proforma, exactly as if the gateway had named it. The held
/// payment is marked applied in the payment's transaction: applied once, however many people click at once.
/// </summary>
[RequiresPermission(Permissions.InvoicesRecordPayment)]
public sealed record ApplyHeldPayment(Guid HeldPaymentId, Guid? DocumentId) : ICommand<RecordedPayment>;

public sealed class ApplyHeldPaymentValidator : AbstractValidator<ApplyHeldPayment>
{
    public ApplyHeldPaymentValidator() =>
        RuleFor(x => x.DocumentId).NotNull().WithMessage("Choose the proforma to apply the money to.");
}

public sealed class ApplyHeldPaymentHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules, BillingClock clock, ActorContext actors, ILiveEvents live)
    : IRequestHandler<ApplyHeldPayment, RecordedPayment>
{
    public async Task<RecordedPayment> Handle(ApplyHeldPayment request, CancellationToken cancellationToken)
    {
        HeldPayment held;
        ApplyPaymentEvent.Gateway gateway;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            held = await db.HeldPayments.AsNoTracking().FirstOrDefaultAsync(h => h.Id == request.HeldPaymentId, cancellationToken)
                   ?? throw new NotFoundException("There is no such held payment.");
            var documentClient = await db.Documents.Where(d => d.Id == request.DocumentId).Select(d => (Guid?)d.ClientId).FirstOrDefaultAsync(cancellationToken);
            if (documentClient is null) throw RequestValidationException.For(nameof(ApplyHeldPayment.DocumentId), "There is no such document.");
            if (documentClient != held.ClientId)
                throw RequestValidationException.For(nameof(ApplyHeldPayment.DocumentId), "Choose a proforma of the client who paid: held money stays with its client.");
            // The gateway took the money already: it is applied whether or not the gateway or its module still takes new payments.
            gateway = PaymentRules.Info(modules, await db.PaymentGateways.AsNoTracking().FirstAsync(g => g.Id == held.PaymentGatewayId, cancellationToken));
        }
        var paymentEvent = new PaymentEvent(held.GatewayEventId, PaymentEventKind.Payment, held.Amount - held.RefundedAmount, held.CurrencyCode, held.ReceivedAt, held.Reference,
            DocumentId: request.DocumentId);
        var applied = await ApplyPaymentEvent.RunAsync(contexts, gateway, paymentEvent, actors.Current.StaffId, held.Id, clock, live, cancellationToken);
        return await PaymentRules.RecordedAsync(contexts, modules, applied, cancellationToken);
    }
}
