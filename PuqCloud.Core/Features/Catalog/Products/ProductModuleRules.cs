using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Steps that several ProductModule use cases share.</summary>
internal static class ProductModuleRules
{
    /// <summary>
    /// A service its product's module may still hold something of: not ended, or ended without the module having removed
    /// what it made. Only that module can suspend or remove it, so the module must stay (and stay active) under it.
    /// </summary>
    internal static readonly Expression<Func<Service, bool>> MayHoldSomethingAtModule = s =>
        (s.Status != ServiceStatus.Terminated && s.Status != ServiceStatus.Cancelled)
        || s.ProvisionStatus == ProvisionStatus.InProgress || s.ProvisionStatus == ProvisionStatus.Provisioned || s.ProvisionStatus == ProvisionStatus.Failed;

    internal static async Task<ProductModuleSettingsDto> DescribeAsync(IModuleCatalog catalog, AppDbContext db, Product product, ModuleDescriptor? module, CancellationToken cancellationToken)
    {
        if (module is null) return new ProductModuleSettingsDto(product.Id, product.ModuleKey, null, null, false, []);
        // Saved values belong to the product's own module only; another module's form starts from its defaults.
        var saved = module.Key == product.ModuleKey
            ? await db.ProductModuleSettings.AsNoTracking().Where(s => s.ProductId == product.Id).ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, cancellationToken)
            : [];
        var active = (await catalog.ActiveAsync(cancellationToken)).Contains(module);
        return new ProductModuleSettingsDto(product.Id, product.ModuleKey, module.Key, module.Manifest.Name, active,
            ModuleSettingForm.Describe(((IProductModule)module.Instance).ProductSettings, key => saved.GetValueOrDefault(key)));
    }
}
