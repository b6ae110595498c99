using MediatR;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Live;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

/// <summary>A module the log can be filtered by.</summary>
public sealed record ModuleLogModule(string Key, string Name);

[RequiresPermission(Permissions.ModuleLogView)]
public sealed record ListModuleLogModules : IQuery<IReadOnlyList<ModuleLogModule>>;

public sealed class ListModuleLogModulesHandler(IModuleCatalog catalog) : IRequestHandler<ListModuleLogModules, IReadOnlyList<ModuleLogModule>>
{
    public Task<IReadOnlyList<ModuleLogModule>> Handle(ListModuleLogModules request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ModuleLogModule>>(catalog.Modules.Select(m => new ModuleLogModule(m.Key, m.Manifest.Name)).ToList());
}
