using MediatR;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>An active Product module a product can use.</summary>
public sealed record ProductModuleOption(string Key, string Name, string Version);

/// <summary>Active modules of kind Product, by name.</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListProductModules : IQuery<IReadOnlyList<ProductModuleOption>>;

public sealed class ListProductModulesHandler(IModuleCatalog catalog) : IRequestHandler<ListProductModules, IReadOnlyList<ProductModuleOption>>
{
    public async Task<IReadOnlyList<ProductModuleOption>> Handle(ListProductModules request, CancellationToken cancellationToken) =>
        (await catalog.ActiveAsync(cancellationToken))
            .Where(m => m.Instance is IProductModule)
            .OrderBy(m => m.Manifest.Name, StringComparer.CurrentCulture)
            .Select(m => new ProductModuleOption(m.Key, m.Manifest.Name, m.Version))
            .ToList();
}
