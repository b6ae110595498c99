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

/// <summary>
/// Sets the product's module and saves its form; an empty secret keeps the saved one. A different module than
/// before deletes the old module's settings; no module (null or empty) clears both.
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
        var product = await ProductRules.FindAsync(db.Products, request.ProductId, cancellationToken);
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
        return await ProductModuleRules.DescribeAsync(catalog, db, product, module, cancellationToken);
    }
}
