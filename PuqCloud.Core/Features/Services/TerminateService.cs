using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>Terminates a service now: charges the time it used that billing has not charged yet and the uninstall price, stops billing and queues the module's terminate.</summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record TerminateService(Guid Id) : ICommand<ServiceDetails>;

public sealed class TerminateServiceHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<TerminateService, ServiceDetails>
{
    public Task<ServiceDetails> Handle(TerminateService request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, plan, now) => ServiceSteps.TerminateAsync(db, service, plan, now, ServiceRules.ActorName(actors), cancellationToken), cancellationToken);
}
