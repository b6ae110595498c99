using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>
/// The product's module settings; with <paramref name="ModuleKey"/> the empty form of another module (what the
/// tab shows after a person picks a different module, before saving).
/// </summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record GetProductModuleSettings(Guid ProductId, string? ModuleKey = null) : IQuery<ProductModuleSettingsDto>;

public sealed class GetProductModuleSettingsHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog) : IRequestHandler<GetProductModuleSettings, ProductModuleSettingsDto>
{
    public async Task<ProductModuleSettingsDto> Handle(GetProductModuleSettings request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await ProductRules.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        if (string.IsNullOrWhiteSpace(request.ModuleKey))
        {
            var own = product.ModuleKey is null ? null : catalog.Find(product.ModuleKey);
            // A module whose code is gone keeps its key on the product: shown as inactive, with no form.
            if (product.ModuleKey is not null && own is not { Instance: IProductModule })
                return new ProductModuleSettingsDto(product.Id, product.ModuleKey, product.ModuleKey, product.ModuleKey, false, []);
            return await ProductModuleRules.DescribeAsync(catalog, db, product, own, cancellationToken);
        }
        var module = catalog.Find(request.ModuleKey.Trim()) is { Instance: IProductModule } found ? found : throw new NotFoundException("There is no such Product module.");
        return await ProductModuleRules.DescribeAsync(catalog, db, product, module, cancellationToken);
    }
}
