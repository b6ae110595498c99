using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

[RequiresPermission(Permissions.ServicesView)]
public sealed record GetService(Guid Id) : IQuery<ServiceDetails>;

public sealed class GetServiceHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock) : IRequestHandler<GetService, ServiceDetails>
{
    public Task<ServiceDetails> Handle(GetService request, CancellationToken cancellationToken) =>
        ServiceRules.DetailsAsync(contexts, request.Id, clock, cancellationToken);
}
