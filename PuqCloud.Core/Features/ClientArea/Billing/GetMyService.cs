using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>One of the client's services: status, price and options, hourly rate, cost so far; another client's id is not found.</summary>
[ClientMember(ClientPermissions.ManageServices)]
public sealed record GetMyService(Guid ClientId, Guid ServiceId) : IQuery<ServiceDetails>, IClientScoped;

public sealed class GetMyServiceHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock) : IRequestHandler<GetMyService, ServiceDetails>
{
    public async Task<ServiceDetails> Handle(GetMyService request, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            await MyBillingRules.EnsureServiceOfAsync(db, request.ClientId, request.ServiceId, cancellationToken);
        return MyBillingRules.ForClient(await ServiceRules.DetailsAsync(contexts, request.ServiceId, clock, cancellationToken));
    }
}
