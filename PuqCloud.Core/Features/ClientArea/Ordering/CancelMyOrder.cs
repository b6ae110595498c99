using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// A member who may order withdraws one of the client's orders that has not started (a pending service): the step staff's
/// cancel uses (<see cref="ServiceSteps.CancelAsync"/>: a unit of stock it took goes back). Nothing was charged for it, so
/// nothing is given back. Without it an order waited for good (with no cancellation delay), held funds from the client's
/// later orders, and the next top-up, even one meant for something else, started it.
/// </summary>
[ClientMember(ClientPermissions.ManageOrders)]
public sealed record CancelMyOrder(Guid ClientId, Guid ServiceId) : ICommand<ServiceDetails>, IClientScoped;

public sealed class CancelMyOrderHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<CancelMyOrder, ServiceDetails>
{
    public async Task<ServiceDetails> Handle(CancelMyOrder request, CancellationToken cancellationToken) =>
        MyBillingRules.ForClient(await ServiceRules.ChangeAsync(contexts, request.ServiceId, clock, signal, live, async (db, service, _, now) =>
        {
            MyBillingRules.EnsureServiceOf(service, request.ClientId);
            if (service.Status != ServiceStatus.Pending) throw new RuleViolationException("Only an order that has not started can be cancelled.");
            await ServiceSteps.CancelAsync(db, service, "Cancelled by the client before it started.", now, ServiceRules.ActorName(actors), cancellationToken);
        }, cancellationToken, MyBillingRules.NoSuchService));
}
