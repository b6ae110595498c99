using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Modules;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Web.Infrastructure;

/// <summary>Gives a module's page its context once the pipeline agrees the signed-in staff member may open it.</summary>
public sealed class ModulePages(UiRequests ui, IModuleCatalog catalog, ModuleContextFactory contexts, IServiceProvider services) : IModulePages
{
    public async Task<IModuleContext?> OpenAsync(string moduleKey, string? permissionAction, CancellationToken cancellationToken = default)
    {
        var allowed = await ui.SendAsync(new CanOpenModulePage(moduleKey, permissionAction), cancellationToken);
        return allowed.Value && catalog.Find(moduleKey) is { } module ? contexts.Create(module, services) : null;
    }
}
