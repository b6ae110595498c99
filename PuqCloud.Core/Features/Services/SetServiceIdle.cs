using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>Puts an active service idle (charged at the idle price from its next charge) or wakes it; only for products that allow idle.</summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record SetServiceIdle(Guid Id, bool Idle) : ICommand<ServiceDetails>;

public sealed class SetServiceIdleHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<SetServiceIdle, ServiceDetails>
{
    public Task<ServiceDetails> Handle(SetServiceIdle request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, plan, now) =>
            {
                ServiceSteps.SetIdle(db, service, plan, request.Idle, now, ServiceRules.ActorName(actors));
                return Task.CompletedTask;
            }, cancellationToken);
}
