using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>Asks for termination at the end of the paid time (billing stops charging it), or withdraws the request.</summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record RequestServiceTermination(Guid Id, bool Requested) : ICommand<ServiceDetails>;

public sealed class RequestServiceTerminationHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<RequestServiceTermination, ServiceDetails>
{
    public Task<ServiceDetails> Handle(RequestServiceTermination request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, _, now) =>
            {
                ServiceSteps.RequestTermination(db, service, request.Requested, byStaff: true, now, ServiceRules.ActorName(actors));
                return Task.CompletedTask;
            }, cancellationToken);
}
