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
/// Queues the service's last module action again when it failed every try (<see cref="ServiceSteps.RetryableActionAsync"/>):
/// a create (the service stayed active, paid its setup fee and was never billed nor made; billing starts when it succeeds),
/// or a suspend, terminate or other action the provider refused or did not answer.
/// </summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record RetryServiceProvisioning(Guid Id) : ICommand<ServiceDetails>;

public sealed class RetryServiceProvisioningHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<RetryServiceProvisioning, ServiceDetails>
{
    public Task<ServiceDetails> Handle(RetryServiceProvisioning request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, plan, now) => ServiceSteps.RetryModuleActionAsync(db, service, plan, now, ServiceRules.ActorName(actors), cancellationToken), cancellationToken);
}
