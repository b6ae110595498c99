using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>Cancels a pending service that has not started; nothing is charged, and a unit of stock its order took is returned.</summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record CancelService(Guid Id) : ICommand<ServiceDetails>;

public sealed class CancelServiceHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<CancelService, ServiceDetails>
{
    public Task<ServiceDetails> Handle(CancelService request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, _, now) => ServiceSteps.CancelAsync(db, service, "Cancelled by staff.", now, ServiceRules.ActorName(actors), cancellationToken),
            cancellationToken);
}
