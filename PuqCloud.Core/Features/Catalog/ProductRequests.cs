using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>A row of the products grid; <see cref="Name"/> in the asked language (the key when there is none).</summary>
public sealed record ProductListItem(Guid Id, string Key, string Name, string? IconPath, bool IsVisible, bool IsActive, bool StockControl, int StockQuantity,
    int ServiceCount);

/// <summary>A product's own fields (the General and Images tabs).</summary>
public sealed record ProductDto(Guid Id, string Key, IReadOnlyDictionary<string, string> Name, IReadOnlyDictionary<string, string> Description,
    bool IsVisible, bool IsActive, bool IsHidden, bool IsRetired, bool StockControl, int StockQuantity, bool HourlyBilling, bool AllowIdle,
    int TerminationDelayHours, int CancellationDelayHours,
    bool NotifyWelcome, bool NotifySuspension, bool NotifyUnsuspension, bool NotifyTermination, bool NotifyCancellation,
    bool ConvertPrice, string? IconPath, string? BackgroundPath, string? ModuleKey, int ServiceCount, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>The General tab's fields (key included: it may be corrected later).</summary>
public interface IProductFields
{
    string Key { get; }
    IReadOnlyDictionary<string, string>? Name { get; }
    IReadOnlyDictionary<string, string>? Description { get; }
    bool IsVisible { get; }
    bool IsActive { get; }
    bool IsHidden { get; }
    bool IsRetired { get; }
    bool StockControl { get; }
    int StockQuantity { get; }
    bool HourlyBilling { get; }
    bool AllowIdle { get; }
    int TerminationDelayHours { get; }
    int CancellationDelayHours { get; }
    bool NotifyWelcome { get; }
    bool NotifySuspension { get; }
    bool NotifyUnsuspension { get; }
    bool NotifyTermination { get; }
    bool NotifyCancellation { get; }
    bool ConvertPrice { get; }
}

/// <summary>Products by key; sort by key, isVisible, isActive, stockQuantity or createdAt. Names in <paramref name="Language"/>.</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListProducts(PageRequest Page, string? Language = null) : IQuery<PagedResult<ProductListItem>>;

[RequiresPermission(Permissions.ProductsView)]
public sealed record GetProduct(Guid Id) : IQuery<ProductDto>;

/// <summary>A new product with just its key: inactive and hidden from the store until it is set up.</summary>
[RequiresPermission(Permissions.ProductsCreate)]
public sealed record CreateProduct(string Key) : ICommand<ProductDto>;

[RequiresPermission(Permissions.ProductsEdit)]
public sealed record UpdateProduct(Guid Id, string Key, IReadOnlyDictionary<string, string>? Name, IReadOnlyDictionary<string, string>? Description,
    bool IsVisible, bool IsActive, bool IsHidden, bool IsRetired, bool StockControl, int StockQuantity, bool HourlyBilling, bool AllowIdle,
    int TerminationDelayHours, int CancellationDelayHours,
    bool NotifyWelcome, bool NotifySuspension, bool NotifyUnsuspension, bool NotifyTermination, bool NotifyCancellation, bool ConvertPrice)
    : ICommand<ProductDto>, IProductFields;

/// <summary>Deletes a product no service uses (its prices, settings and links go with it).</summary>
[RequiresPermission(Permissions.ProductsDelete)]
public sealed record DeleteProduct(Guid Id) : ICommand<Unit>;

/// <summary>Stores a picture for the slot (null content removes it); answers the new relative path.</summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record SetProductImage(Guid Id, CatalogImageSlot Slot, byte[]? Content) : ICommand<string?>;

public sealed class CreateProductValidator : AbstractValidator<CreateProduct>
{
    public CreateProductValidator() => RuleFor(x => x.Key).ValidCatalogKey();
}

public abstract class ProductFieldsValidator<T> : AbstractValidator<T> where T : IProductFields
{
    public const int MaxDelayHours = 8760;

    protected ProductFieldsValidator()
    {
        RuleFor(x => x.Key).ValidCatalogKey();
        RuleFor(x => x.Name).ValidTranslations(2000);
        RuleFor(x => x.Description).ValidTranslations(20000);
        RuleFor(x => x.StockQuantity).GreaterThanOrEqualTo(0).WithMessage("The stock cannot be negative.");
        RuleFor(x => x.TerminationDelayHours).InclusiveBetween(0, MaxDelayHours).WithMessage($"Use 0 to {MaxDelayHours} hours (a year).");
        RuleFor(x => x.CancellationDelayHours).InclusiveBetween(0, MaxDelayHours).WithMessage($"Use 0 to {MaxDelayHours} hours (a year).");
    }
}

public sealed class UpdateProductValidator : ProductFieldsValidator<UpdateProduct>;

public sealed class SetProductImageValidator : AbstractValidator<SetProductImage>
{
    public SetProductImageValidator() => RuleFor(x => x.Slot).IsInEnum().WithMessage("Use the icon or background slot.");
}

public sealed class ProductHandlers(IDbContextFactory<AppDbContext> contexts, IProductUsage usage, IImageStore images) :
    IRequestHandler<ListProducts, PagedResult<ProductListItem>>,
    IRequestHandler<GetProduct, ProductDto>,
    IRequestHandler<CreateProduct, ProductDto>,
    IRequestHandler<UpdateProduct, ProductDto>,
    IRequestHandler<DeleteProduct, Unit>,
    IRequestHandler<SetProductImage, string?>
{
    public const string ImageFolder = "products";

    private static readonly SortMap<Product> Sorts = new SortMap<Product>("key")
        .Add("key", p => p.Key)
        .Add("isVisible", p => p.IsVisible)
        .Add("isActive", p => p.IsActive)
        .Add("stockQuantity", p => p.StockQuantity)
        .Add("createdAt", p => p.CreatedAt);

    public async Task<PagedResult<ProductListItem>> Handle(ListProducts request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Products.AsNoTracking();
        // Names are JSON per language, so the search looks at keys only.
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            // Names are JSON of language → text; matching the stored text finds a name in any language.
            query = query.Where(p => EF.Functions.Like(p.Key.ToLower(), pattern, "\\") || EF.Functions.Like(((string)(object)p.Name).ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, p => new { p.Id, p.Key, p.Name, p.IconPath, p.IsVisible, p.IsActive, p.StockControl, p.StockQuantity }, cancellationToken);
        var services = await usage.CountServicesAsync(page.Items.Select(p => p.Id).ToList(), cancellationToken);
        return new PagedResult<ProductListItem>(page.Items.Select(p => new ProductListItem(p.Id, p.Key, Translations.Resolve(p.Name, request.Language, p.Key), p.IconPath,
            p.IsVisible, p.IsActive, p.StockControl, p.StockQuantity, services.GetValueOrDefault(p.Id))).ToList(), page.Total, page.Page, page.PageSize);
    }

    public async Task<ProductDto> Handle(GetProduct request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ToDtoAsync(await FindAsync(db.Products.AsNoTracking(), request.Id, cancellationToken), cancellationToken);
    }

    public async Task<ProductDto> Handle(CreateProduct request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = new Product { Key = CatalogKeys.Normalize(request.Key) };
        await EnsureKeyFreeAsync(db, product.Key, product.Id, cancellationToken);
        db.Products.Add(product);
        await SaveAsync(db, cancellationToken);
        return await ToDtoAsync(product, cancellationToken);
    }

    public async Task<ProductDto> Handle(UpdateProduct request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await FindAsync(db.Products, request.Id, cancellationToken);
        product.Key = CatalogKeys.Normalize(request.Key);
        await EnsureKeyFreeAsync(db, product.Key, product.Id, cancellationToken);
        product.Name = Translations.Normalize(request.Name);
        product.Description = Translations.Normalize(request.Description);
        (product.IsVisible, product.IsActive, product.IsHidden, product.IsRetired) = (request.IsVisible, request.IsActive, request.IsHidden, request.IsRetired);
        (product.StockControl, product.StockQuantity) = (request.StockControl, request.StockQuantity);
        (product.HourlyBilling, product.AllowIdle, product.ConvertPrice) = (request.HourlyBilling, request.AllowIdle, request.ConvertPrice);
        (product.TerminationDelayHours, product.CancellationDelayHours) = (request.TerminationDelayHours, request.CancellationDelayHours);
        (product.NotifyWelcome, product.NotifySuspension, product.NotifyUnsuspension, product.NotifyTermination, product.NotifyCancellation) =
            (request.NotifyWelcome, request.NotifySuspension, request.NotifyUnsuspension, request.NotifyTermination, request.NotifyCancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SaveAsync(db, cancellationToken);
        // Switching "convert price" on derives the other currencies now; switching it off keeps them as typed prices.
        await PriceConversion.RecomputeProductAsync(db, product.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ToDtoAsync(product, cancellationToken);
    }

    public async Task<Unit> Handle(DeleteProduct request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await FindAsync(db.Products, request.Id, cancellationToken);
        var services = await usage.CountServicesAsync(product.Id, cancellationToken);
        if (services > 0)
            throw new RuleViolationException($"{product.Key} is used by {services} service(s) and cannot be deleted. Retire it instead: existing services keep running and no new orders are taken.");
        db.Products.Remove(product);
        await db.SaveChangesAsync(cancellationToken);
        images.Delete(product.IconPath);
        images.Delete(product.BackgroundPath);
        return Unit.Value;
    }

    public async Task<string?> Handle(SetProductImage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await FindAsync(db.Products, request.Id, cancellationToken);
        var icon = request.Slot == CatalogImageSlot.Icon;
        return await images.ReplaceAsync(db, ImageFolder, request.Content, icon ? product.IconPath : product.BackgroundPath,
            path => { if (icon) product.IconPath = path; else product.BackgroundPath = path; }, cancellationToken);
    }

    /// <summary>The product or a 404.</summary>
    public static async Task<Product> FindAsync(IQueryable<Product> products, Guid id, CancellationToken cancellationToken) =>
        await products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("There is no such product.");

    private static async Task EnsureKeyFreeAsync(AppDbContext db, string key, Guid id, CancellationToken cancellationToken)
    {
        if (await db.Products.AnyAsync(p => p.Key == key && p.Id != id, cancellationToken))
            throw RequestValidationException.For(nameof(IProductFields.Key), $"Another product already has the key {key}.");
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on Key caught a product saved at the same moment.
            throw RequestValidationException.For(nameof(IProductFields.Key), "Another product took this key a moment ago. Choose another.");
        }
    }

    private async Task<ProductDto> ToDtoAsync(Product p, CancellationToken cancellationToken) =>
        new(p.Id, p.Key, p.Name, p.Description, p.IsVisible, p.IsActive, p.IsHidden, p.IsRetired, p.StockControl, p.StockQuantity, p.HourlyBilling, p.AllowIdle,
            p.TerminationDelayHours, p.CancellationDelayHours, p.NotifyWelcome, p.NotifySuspension, p.NotifyUnsuspension, p.NotifyTermination, p.NotifyCancellation,
            p.ConvertPrice, p.IconPath, p.BackgroundPath, p.ModuleKey, await usage.CountServicesAsync(p.Id, cancellationToken), p.CreatedAt, p.UpdatedAt);
}
