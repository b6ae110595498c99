using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>Lifts a suspension; the suspended time is not charged. Refused when the balance does not cover the next charge.</summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record UnsuspendService(Guid Id) : ICommand<ServiceDetails>;

public sealed class UnsuspendServiceHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<UnsuspendService, ServiceDetails>
{
    public Task<ServiceDetails> Handle(UnsuspendService request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, plan, now) => ServiceSteps.UnsuspendAsync(db, service, plan, now, ServiceRules.ActorName(actors), cancellationToken), cancellationToken);
}
