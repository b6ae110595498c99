using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>
/// Sets the product's module and saves its form; an empty secret keeps the saved one. A different module than
/// before deletes the old module's settings; no module (null or empty) clears both. The module cannot change while a
/// service of the product may still have something at its module (not ended, or ended without the module removing it):
/// its suspend, terminate and package changes would go to a module that never made it, or to none at all.
/// </summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record SaveProductModuleSettings(Guid ProductId, string? ModuleKey, IReadOnlyDictionary<string, string?> Values) : ICommand<ProductModuleSettingsDto>;

public sealed class SaveProductModuleSettingsHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog, ISecretProtector secrets) : IRequestHandler<SaveProductModuleSettings, ProductModuleSettingsDto>
{
    /// <summary>The module asked for: none, or an active Product module (an unknown key is a field error, an inactive one a refusal).</summary>
    private async Task<ModuleDescriptor?> ChooseAsync(string? moduleKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(moduleKey)) return null;
        var module = catalog.Find(moduleKey.Trim());
        if (module is not { Instance: IProductModule })
            throw RequestValidationException.For(nameof(SaveProductModuleSettings.ModuleKey), "There is no Product module with this key.");
        if (!(await catalog.ActiveAsync(cancellationToken)).Contains(module))
            throw new RuleViolationException($"{module.Manifest.Name} is not active. Activate it under Settings → Add-ons → Modules first.");
        return module;
    }

    public async Task<ProductModuleSettingsDto> Handle(SaveProductModuleSettings request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The product's row lock, which a package switch onto the product takes too: no service lands on it while its module changes.
        await db.Products.Where(p => p.Id == request.ProductId).ExecuteUpdateAsync(u => u.SetProperty(p => p.ModuleKey, p => p.ModuleKey), cancellationToken);
        var product = await ProductRules.FindAsync(db.Products, request.ProductId, cancellationToken);
        var module = await ChooseAsync(request.ModuleKey, cancellationToken);
        var stored = await db.ProductModuleSettings.Where(s => s.ProductId == product.Id).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
        if (module?.Key != product.ModuleKey)
        {
            await RefuseWhileServicesLiveAsync(db, product, cancellationToken);
            // Another module's form means nothing to the new one (and its secrets must not linger).
            db.ProductModuleSettings.RemoveRange(stored.Values);
            stored.Clear();
            product.ModuleKey = module?.Key;
        }
        if (module is not null)
        {
            var fields = ((IProductModule)module.Instance).ProductSettings;
            var values = ModuleSettingForm.Read(fields, request.Values, key => stored.GetValueOrDefault(key)?.Value is { Length: > 0 }, secrets);
            foreach (var (key, value) in values)
            {
                if (!stored.TryGetValue(key, out var row))
                {
                    row = new ProductModuleSetting { ProductId = product.Id, Key = key };
                    db.ProductModuleSettings.Add(row);
                    stored[key] = row;
                }
                (row.Value, row.IsSecret) = (value.Value, value.IsSecret);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ProductModuleRules.DescribeAsync(catalog, db, product, module, cancellationToken);
    }

    private async Task RefuseWhileServicesLiveAsync(AppDbContext db, Product product, CancellationToken cancellationToken)
    {
        if (product.ModuleKey is null)
        {
            // Its services run without a module: one added now would be asked to suspend or remove servers it never made.
            var unmanaged = await db.Services.CountAsync(s => s.ProductId == product.Id
                && (s.Status == ServiceStatus.Pending || s.Status == ServiceStatus.Active || s.Status == ServiceStatus.Suspended), cancellationToken);
            if (unmanaged > 0)
                throw new RuleViolationException($"{Services(unmanaged)} of this product {(unmanaged == 1 ? "runs" : "run")} without a module: a module added now would be asked to suspend or remove what it never made. Sell the module on a new product instead.");
            return;
        }
        var live = await db.Services.Where(s => s.ProductId == product.Id).CountAsync(ProductModuleRules.MayHoldSomethingAtModule, cancellationToken);
        if (live == 0) return;
        var name = catalog.Find(product.ModuleKey)?.Manifest.Name ?? product.ModuleKey;
        throw new RuleViolationException($"{Services(live)} of this product {(live == 1 ? "is" : "are")} at {name} or waiting for it, and only {name} can suspend or remove {(live == 1 ? "it" : "them")}: " +
            $"end {(live == 1 ? "it" : "them")} first (terminate, or cancel what is pending, and let {name} remove what it made) or move {(live == 1 ? "it" : "them")} to another product of {name}.");
    }

    private static string Services(int count) => count == 1 ? "1 service" : $"{count} services";
}
