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
/// A gateway's notification (POST /api/gateways/{gatewayId}/events, anonymous): the gateway's module checks it (its
/// signature, with the gateway's settings) and turns it into a standard payment event, which the host applies once: a
/// payment (<see cref="ApplyPaymentEvent"/>) or a refund made at the gateway (<see cref="ApplyRefundEvent"/>). A gateway
/// switched off is no longer offered to payers, and what it reports of money it took is not lost: a payment (a checkout
/// begun before, or a forged one if its secret leaked) is held for staff to check and apply, a refund of an old payment
/// is booked. A switched-off module takes nothing (its code cannot check the event); a refused
/// event is a 400 for the sender to see; the same event delivered again answers the first payment or refund. A signed payment the document cannot take (paid already, say) is held for staff, not refused:
/// the gateway took the money; the gateway's refund of held money closes it as given back.
/// </summary>
[Anonymous]
public sealed record ReceiveGatewayEvent(Guid GatewayId, string Body, IReadOnlyDictionary<string, string> Headers) : ICommand<GatewayEventReceipt>;

public sealed class ReceiveGatewayEventHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules, ModuleContextFactory moduleContexts,
    ISecretProtector secrets, IServiceProvider services, BillingClock clock, ILiveEvents live) : IRequestHandler<ReceiveGatewayEvent, GatewayEventReceipt>
{
    public async Task<GatewayEventReceipt> Handle(ReceiveGatewayEvent request, CancellationToken cancellationToken)
    {
        PaymentRules.GatewayModule gateway;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.PaymentGateways.AnyAsync(g => g.Id == request.GatewayId, cancellationToken)) throw new NotFoundException("There is no such payment gateway.");
            gateway = await PaymentRules.GatewayAsync(db, modules, request.GatewayId, "GatewayId", cancellationToken);
        }
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal);
        var answer = await gateway.Module.ParseEventAsync(moduleContexts.Create(gateway.Descriptor, services), PaymentGatewayRules.Values(gateway.Gateway, secrets),
            new GatewayEvent(Webhook: new GatewayWebhook(request.Body, headers)), cancellationToken);
        if (answer.Event is not { } paymentEvent)
            throw RequestValidationException.For(answer.Field ?? "Event", answer.Refusal ?? "The gateway's module refused the event.");
        if (paymentEvent.Kind == PaymentEventKind.Refund)
        {
            if (await HeldPaymentRefunds.ApplyAsync(contexts, gateway.Info, paymentEvent, clock, live, cancellationToken) is { } givenBack) return givenBack;
            var refund = await ApplyRefundEvent.RunAsync(contexts, gateway.Info, paymentEvent, clock, live, cancellationToken);
            return new GatewayEventReceipt(refund.PaymentId, refund.DocumentId, refund.Duplicate, refund.RefundId, refund.CreditNoteId);
        }
        // Off is also the emergency stop (a leaked webhook secret): what it reports is held for staff, never lost, never applied unseen.
        var applied = await ApplyPaymentEvent.RunAsync(contexts, gateway.Info, paymentEvent, null, null, clock, live, cancellationToken,
            holdReason: gateway.Gateway.IsEnabled ? null : "The gateway was switched off when the payment came: check it and apply it to the document.");
        return new GatewayEventReceipt(applied.PaymentId, applied.DocumentId, applied.Duplicate, HeldPaymentId: applied.HeldPaymentId);
    }
}
