using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>A new product with just its key: inactive and hidden from the store until it is set up.</summary>
[RequiresPermission(Permissions.ProductsCreate)]
public sealed record CreateProduct(string Key) : ICommand<ProductDto>;

public sealed class CreateProductValidator : AbstractValidator<CreateProduct>
{
    public CreateProductValidator() => RuleFor(x => x.Key).ValidCatalogKey();
}

public sealed class CreateProductHandler(IDbContextFactory<AppDbContext> contexts, IProductUsage usage) : IRequestHandler<CreateProduct, ProductDto>
{
    public async Task<ProductDto> Handle(CreateProduct request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = new Product { Key = CatalogKeys.Normalize(request.Key) };
        await ProductRules.EnsureKeyFreeAsync(db, product.Key, product.Id, cancellationToken);
        db.Products.Add(product);
        await ProductRules.SaveAsync(db, cancellationToken);
        return await ProductRules.ToDtoAsync(usage, product, cancellationToken);
    }
}
