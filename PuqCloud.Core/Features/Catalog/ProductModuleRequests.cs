using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>An active Product module a product can use.</summary>
public sealed record ProductModuleOption(string Key, string Name, string Version);

/// <summary>
/// The Module tab: the product's module (or the one asked for) and its product settings form with the saved
/// values. Secrets only say whether they are set. <see cref="IsActive"/> is false when the module was switched off since.
/// </summary>
public sealed record ProductModuleSettingsDto(Guid ProductId, string? SavedModuleKey, string? ModuleKey, string? ModuleName, bool IsActive,
    IReadOnlyList<ModuleSettingDto> Fields);

/// <summary>Active modules of kind Product, by name.</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListProductModules : IQuery<IReadOnlyList<ProductModuleOption>>;

/// <summary>
/// The product's module settings; with <paramref name="ModuleKey"/> the empty form of another module (what the
/// tab shows after a person picks a different module, before saving).
/// </summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record GetProductModuleSettings(Guid ProductId, string? ModuleKey = null) : IQuery<ProductModuleSettingsDto>;

/// <summary>
/// Sets the product's module and saves its form; an empty secret keeps the saved one. A different module than
/// before deletes the old module's settings; no module (null or empty) clears both.
/// </summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record SaveProductModuleSettings(Guid ProductId, string? ModuleKey, IReadOnlyDictionary<string, string?> Values) : ICommand<ProductModuleSettingsDto>;

public sealed class ProductModuleHandlers(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog, ISecretProtector secrets) :
    IRequestHandler<ListProductModules, IReadOnlyList<ProductModuleOption>>,
    IRequestHandler<GetProductModuleSettings, ProductModuleSettingsDto>,
    IRequestHandler<SaveProductModuleSettings, ProductModuleSettingsDto>
{
    public async Task<IReadOnlyList<ProductModuleOption>> Handle(ListProductModules request, CancellationToken cancellationToken) =>
        (await catalog.ActiveAsync(cancellationToken))
            .Where(m => m.Instance is IProductModule)
            .OrderBy(m => m.Manifest.Name, StringComparer.CurrentCulture)
            .Select(m => new ProductModuleOption(m.Key, m.Manifest.Name, m.Version))
            .ToList();

    public async Task<ProductModuleSettingsDto> Handle(GetProductModuleSettings request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await ProductHandlers.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        if (string.IsNullOrWhiteSpace(request.ModuleKey))
        {
            var own = product.ModuleKey is null ? null : catalog.Find(product.ModuleKey);
            // A module whose code is gone keeps its key on the product: shown as inactive, with no form.
            if (product.ModuleKey is not null && own is not { Instance: IProductModule })
                return new ProductModuleSettingsDto(product.Id, product.ModuleKey, product.ModuleKey, product.ModuleKey, false, []);
            return await DescribeAsync(db, product, own, cancellationToken);
        }
        var module = catalog.Find(request.ModuleKey.Trim()) is { Instance: IProductModule } found ? found : throw new NotFoundException("There is no such Product module.");
        return await DescribeAsync(db, product, module, cancellationToken);
    }

    public async Task<ProductModuleSettingsDto> Handle(SaveProductModuleSettings request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var product = await ProductHandlers.FindAsync(db.Products, request.ProductId, cancellationToken);
        var module = await ChooseAsync(request.ModuleKey, cancellationToken);
        var stored = await db.ProductModuleSettings.Where(s => s.ProductId == product.Id).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
        if (module?.Key != product.ModuleKey)
        {
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
        return await DescribeAsync(db, product, module, cancellationToken);
    }

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

    private async Task<ProductModuleSettingsDto> DescribeAsync(AppDbContext db, Product product, ModuleDescriptor? module, CancellationToken cancellationToken)
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
