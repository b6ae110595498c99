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
/// Queues the module's create again for a service whose create failed every try: it stayed active, paid its setup fee
/// and was never billed nor made. Billing starts when the create succeeds.
/// </summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record RetryServiceProvisioning(Guid Id) : ICommand<ServiceDetails>;

public sealed class RetryServiceProvisioningHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<RetryServiceProvisioning, ServiceDetails>
{
    public Task<ServiceDetails> Handle(RetryServiceProvisioning request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, plan, now) => ServiceSteps.RetryCreateAsync(db, service, plan, now, ServiceRules.ActorName(actors), cancellationToken), cancellationToken);
}
