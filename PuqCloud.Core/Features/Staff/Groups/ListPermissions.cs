using MediatR;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>One permission of the catalog: its key and the area and action it is made of.</summary>
/// <summary>A permission of the catalog; a module's permission carries the title the module gave it.</summary>
public sealed record PermissionInfo(string Key, string Area, string Action, string? Title = null);

/// <summary>Every staff permission, in catalog order, for the group page's toggles and GET /permissions.</summary>
[RequiresPermission(Permissions.GroupsView)]
public sealed record ListPermissions : IQuery<IReadOnlyList<PermissionInfo>>;

public sealed class ListPermissionsHandler(Core.Modules.IPermissionCatalog catalog) : IRequestHandler<ListPermissions, IReadOnlyList<PermissionInfo>>
{
    public async Task<IReadOnlyList<PermissionInfo>> Handle(ListPermissions request, CancellationToken cancellationToken) =>
        (await catalog.AllAsync(cancellationToken)).Select(p => new PermissionInfo(p.Key, Permissions.AreaOf(p.Key), Permissions.ActionOf(p.Key), p.Title)).ToList();
}
