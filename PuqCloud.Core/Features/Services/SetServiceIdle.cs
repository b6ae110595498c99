using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>
/// Puts an active service idle or wakes it (idle only for products that allow it); the rest of a period paid in advance is
/// credited or charged at the new price at once (see <see cref="ServiceSteps.SetIdleAsync"/>).
/// </summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record SetServiceIdle(Guid Id, bool Idle) : ICommand<ServiceDetails>;

public sealed class SetServiceIdleHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<SetServiceIdle, ServiceDetails>
{
    public Task<ServiceDetails> Handle(SetServiceIdle request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, plan, now) => ServiceSteps.SetIdleAsync(db, service, plan, request.Idle, now, ServiceRules.ActorName(actors), cancellationToken),
            cancellationToken);
}
