using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Live;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// Staff record money received for an unpaid proforma (a bank transfer seen on the statement): through which of the
/// company's enabled gateways, how much (in the document's currency, at most what is still due), the day it was received
/// and the reference. The gateway's module turns the entry into a standard payment event (Bank Transfer derives its event
/// id from the reference, amount and day, so recording the same transfer twice answers the first payment with
/// <see cref="RecordedPayment.Duplicate"/> and writes nothing); the host applies it (<see cref="ApplyPaymentEvent"/>).
/// </summary>
[RequiresPermission(Permissions.InvoicesRecordPayment)]
public sealed record RecordPayment(Guid DocumentId, Guid? GatewayId, decimal? Amount, DateTime? ReceivedAt, string? Reference) : ICommand<RecordedPayment>;

public sealed class RecordPaymentValidator : AbstractValidator<RecordPayment>
{
    public RecordPaymentValidator()
    {
        RuleFor(x => x.GatewayId).NotNull().WithMessage("Choose the gateway the money came through.");
        RuleFor(x => x.Amount).NotNull().WithMessage("Enter the amount received.").GreaterThan(0m).WithMessage("Enter a positive amount.");
        RuleFor(x => x.ReceivedAt).NotNull().WithMessage("Enter the day the money was received.");
        RuleFor(x => x.Reference).MaximumLength(140).WithMessage("Use at most 140 characters.");
    }
}

public sealed class RecordPaymentHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules, ModuleContextFactory moduleContexts,
    ISecretProtector secrets, IServiceProvider services, BillingClock clock, ActorContext actors, ILiveEvents live) : IRequestHandler<RecordPayment, RecordedPayment>
{
    public async Task<RecordedPayment> Handle(RecordPayment request, CancellationToken cancellationToken)
    {
        PaymentRules.GatewayModule gateway;
        PaymentEvent paymentEvent;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var document = await db.Documents.AsNoTracking().Where(d => d.Id == request.DocumentId)
                               .Select(d => new { d.Id, d.Number, d.CurrencyCode, d.HomeCompanyId }).FirstOrDefaultAsync(cancellationToken)
                           ?? throw new NotFoundException("There is no such document.");
            gateway = await PaymentRules.GatewayAsync(db, modules, request.GatewayId!.Value, nameof(RecordPayment.GatewayId), cancellationToken);
            if (gateway.Gateway.HomeCompanyId != document.HomeCompanyId)
                throw RequestValidationException.For(nameof(RecordPayment.GatewayId), "Choose a gateway of the company that issued the document.");
            if (!gateway.Gateway.IsEnabled)
                throw RequestValidationException.For(nameof(RecordPayment.GatewayId), $"{gateway.Info.DisplayName} is switched off: switch it on under the company's payment gateways first.");
            var receivedAt = DateTime.SpecifyKind(request.ReceivedAt!.Value.Date, DateTimeKind.Utc);
            // A day is the person's: refused only once it has begun nowhere yet (UTC+14 is the earliest zone). Against the UTC
            // day, staff east of UTC could not enter today's transfers in their morning.
            if (receivedAt > clock.UtcNow.AddHours(14).Date)
                throw RequestValidationException.For(nameof(RecordPayment.ReceivedAt), "The day received cannot be in the future.");
            var entry = new StaffPaymentEntry(document.Id, document.Number ?? "", request.Amount!.Value, document.CurrencyCode, receivedAt, request.Reference?.Trim());
            var answer = await gateway.Module.ParseEventAsync(moduleContexts.Create(gateway.Descriptor, services), PaymentGatewayRules.Values(gateway.Gateway, secrets),
                new GatewayEvent(StaffEntry: entry), cancellationToken);
            if (answer.Event is not { } parsed)
                throw answer.Field is { } field
                    ? RequestValidationException.For(field, answer.Refusal ?? "The gateway refused the payment.")
                    : new RuleViolationException(answer.Refusal ?? "The gateway refused the payment.");
            // A staff entry is for the document it was made on, whatever the module answers.
            paymentEvent = parsed with { DocumentId = document.Id, DocumentNumber = null };
        }
        var applied = await ApplyPaymentEvent.RunAsync(contexts, gateway.Info, paymentEvent, actors.Current.StaffId, null, clock, live, cancellationToken);
        return await PaymentRules.RecordedAsync(contexts, modules, applied, cancellationToken);
    }
}
