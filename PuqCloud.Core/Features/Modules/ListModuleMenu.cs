using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

/// <summary>A menu entry of an active module that the signed-in staff member may use.</summary>
public sealed record ModuleMenuItem(string ModuleKey, string Title, string Path, string Icon);

[AnyStaff]
public sealed record ListModuleMenu : IQuery<IReadOnlyList<ModuleMenuItem>>;

public sealed class ListModuleMenuHandler(IModuleCatalog catalog, ActorContext actors, IAccountAccess access) : IRequestHandler<ListModuleMenu, IReadOnlyList<ModuleMenuItem>>
{
    public async Task<IReadOnlyList<ModuleMenuItem>> Handle(ListModuleMenu request, CancellationToken cancellationToken)
    {
        var rights = await ModuleRules.StaffRightsAsync(actors, access, cancellationToken);
        if (rights is null) return [];
        var active = await catalog.ActiveAsync(cancellationToken);
        return active.SelectMany(m => m.Instance.MenuEntries
                .Where(e => e.Permission is null || rights.Has(m.PermissionKey(e.Permission)))
                .Select(e => new ModuleMenuItem(m.Key, e.Title, e.Path, e.Icon)))
            .ToList();
    }
}
