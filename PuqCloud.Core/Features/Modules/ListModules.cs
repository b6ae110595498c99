using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

[RequiresPermission(Permissions.ModulesView)]
public sealed record ListModules : IQuery<IReadOnlyList<ModuleDto>>;

public sealed class ListModulesHandler(IModuleCatalog catalog) : IRequestHandler<ListModules, IReadOnlyList<ModuleDto>>
{
    public async Task<IReadOnlyList<ModuleDto>> Handle(ListModules request, CancellationToken cancellationToken)
    {
        var records = await catalog.RecordsAsync(cancellationToken);
        return catalog.Modules.Select(m => ModuleRules.ToDto(m, records.GetValueOrDefault(m.Key))).ToList();
    }
}
