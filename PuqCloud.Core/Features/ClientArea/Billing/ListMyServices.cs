using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>The client's services, newest first (search by label or product; filter by status), through the same <see cref="ServiceRules.PageAsync"/> as staff's list.</summary>
[ClientMember(ClientPermissions.ManageServices)]
public sealed record ListMyServices(Guid ClientId, PageRequest Page, ServiceStatus? Status = null) : IQuery<PagedResult<ServiceListItem>>, IClientScoped;

public sealed class ListMyServicesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListMyServices, PagedResult<ServiceListItem>>
{
    public async Task<PagedResult<ServiceListItem>> Handle(ListMyServices request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var page = await ServiceRules.PageAsync(db, request.Page, request.Status, null, request.ClientId, cancellationToken);
        return page with { Items = page.Items.Select(MyBillingRules.ForClient).ToList() };
    }
}
