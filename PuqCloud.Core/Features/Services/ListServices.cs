using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>Services → All Services (and a client's Services tab with <see cref="ClientId"/>): search by label, client or product; filter by status and product.</summary>
[RequiresPermission(Permissions.ServicesView)]
public sealed record ListServices(PageRequest Page, ServiceStatus? Status = null, Guid? ProductId = null, Guid? ClientId = null) : IQuery<PagedResult<ServiceListItem>>;

public sealed class ListServicesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListServices, PagedResult<ServiceListItem>>
{
    public async Task<PagedResult<ServiceListItem>> Handle(ListServices request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ServiceRules.PageAsync(db, request.Page, request.Status, request.ProductId, request.ClientId, cancellationToken);
    }
}
