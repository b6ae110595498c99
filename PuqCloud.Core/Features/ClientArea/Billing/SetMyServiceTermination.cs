using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// Asks for termination of one of the client's services at the end of its paid time, or withdraws the request: the same
/// step as staff's <see cref="RequestServiceTermination"/> (only an active or suspended service, not twice); a termination staff asked
/// for is not the client's to withdraw.
/// </summary>
[ClientMember(ClientPermissions.ManageServices)]
public sealed record SetMyServiceTermination(Guid ClientId, Guid ServiceId, bool Requested) : ICommand<ServiceDetails>, IClientScoped;

public sealed class SetMyServiceTerminationHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<SetMyServiceTermination, ServiceDetails>
{
    public async Task<ServiceDetails> Handle(SetMyServiceTermination request, CancellationToken cancellationToken) =>
        MyBillingRules.ForClient(await ServiceRules.ChangeAsync(contexts, request.ServiceId, clock, signal, live, (db, service, _, now) =>
        {
            MyBillingRules.EnsureServiceOf(service, request.ClientId);
            ServiceSteps.RequestTermination(db, service, request.Requested, byStaff: false, now, ServiceRules.ActorName(actors));
            return Task.CompletedTask;
        }, cancellationToken, MyBillingRules.NoSuchService));
}
