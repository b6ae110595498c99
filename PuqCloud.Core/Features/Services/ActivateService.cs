using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>Starts a pending service now (the "Create" action): setup fee, the module's create, then the first charge; refused when the balance does not cover them.</summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record ActivateService(Guid Id) : ICommand<ServiceDetails>;

public sealed class ActivateServiceHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<ActivateService, ServiceDetails>
{
    public Task<ServiceDetails> Handle(ActivateService request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, plan, now) => ServiceSteps.ActivateAsync(db, service, plan, now, ServiceRules.ActorName(actors), cancellationToken), cancellationToken);
}
