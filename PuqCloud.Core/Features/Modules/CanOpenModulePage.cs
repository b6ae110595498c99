using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

/// <summary>Whether the signed-in staff member may open a page of an active module (with the permission of its action, when it names one).</summary>
[AnyStaff]
public sealed record CanOpenModulePage(string Key, string? PermissionAction) : IQuery<bool>;

public sealed class CanOpenModulePageHandler(IModuleCatalog catalog, ActorContext actors, IAccountAccess access) : IRequestHandler<CanOpenModulePage, bool>
{
    public async Task<bool> Handle(CanOpenModulePage request, CancellationToken cancellationToken)
    {
        var module = catalog.Find(request.Key);
        if (module is null || !(await catalog.ActiveAsync(cancellationToken)).Contains(module)) return false;
        if (request.PermissionAction is null) return true;
        var rights = await ModuleRules.StaffRightsAsync(actors, access, cancellationToken);
        return rights?.Has(module.PermissionKey(request.PermissionAction)) == true;
    }
}
