using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

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

/// <summary>
/// Saves the General tab. Orders take stock and cancellations give it back while a form is open, so
/// <see cref="StockQuantityLoaded"/> says what stock the form was loaded with: the same <see cref="StockQuantity"/> leaves
/// the stock as orders have left it; another one is written only if the stock is still what was loaded (else refused under
/// the field, naming the stock now). Without it (a script setting the count) the stock is set as given.
/// </summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record UpdateProduct(Guid Id, string Key, IReadOnlyDictionary<string, string>? Name, IReadOnlyDictionary<string, string>? Description,
    bool IsVisible, bool IsActive, bool IsHidden, bool IsRetired, bool StockControl, int StockQuantity, bool HourlyBilling, bool AllowIdle,
    int TerminationDelayHours, int CancellationDelayHours,
    bool NotifyWelcome, bool NotifySuspension, bool NotifyUnsuspension, bool NotifyTermination, bool NotifyCancellation, bool ConvertPrice,
    int? StockQuantityLoaded = null)
    : ICommand<ProductDto>, IProductFields;

public sealed class UpdateProductValidator : ProductFieldsValidator<UpdateProduct>;

public sealed class UpdateProductHandler(IDbContextFactory<AppDbContext> contexts, IProductUsage usage, Core.Modules.IModuleCatalog modules)
    : IRequestHandler<UpdateProduct, ProductDto>
{
    public async Task<ProductDto> Handle(UpdateProduct request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await ProductRules.FindAsync(db.Products, request.Id, cancellationToken);
        // Its services' charges were worked out one way (by the hour, or by the period from their anchor): switching the
        // product over under them would charge a whole period for part of one.
        if (product.HourlyBilling != request.HourlyBilling && await db.Services.AnyAsync(s => s.ProductId == product.Id
                && (s.Status == ServiceStatus.Pending || s.Status == ServiceStatus.Active || s.Status == ServiceStatus.Suspended), cancellationToken))
            throw RequestValidationException.For(nameof(UpdateProduct.HourlyBilling),
                "Hourly billing can change only while no service of the product is pending, active or suspended. Move its services to another product's price instead.");
        // An idle service of the product would go on at the idle price with idle no longer on offer (and be woken only by staff).
        if (product.AllowIdle && !request.AllowIdle && await db.Services.AnyAsync(s => s.ProductId == product.Id && s.IsIdle
                && (s.Status == ServiceStatus.Active || s.Status == ServiceStatus.Suspended), cancellationToken))
            throw RequestValidationException.For(nameof(UpdateProduct.AllowIdle),
                "Idle can be switched off only while no service of the product is idle. Wake its idle services first.");
        // Orders of a product whose module is switched off would be taken and charged, and every create would fail.
        if (request.IsActive && !product.IsActive && product.ModuleKey is { } moduleKey
            && !(await modules.ActiveAsync(cancellationToken)).Any(m => m.Key == moduleKey))
            throw RequestValidationException.For(nameof(UpdateProduct.IsActive),
                $"The product's module ({moduleKey}) is not active: activate it under Settings → Add-ons → Modules before putting the product on sale.");
        product.Key = CatalogKeys.Normalize(request.Key);
        await ProductRules.EnsureKeyFreeAsync(db, product.Key, product.Id, cancellationToken);
        product.Name = Translations.Normalize(request.Name);
        product.Description = Translations.Normalize(request.Description);
        (product.IsVisible, product.IsActive, product.IsHidden, product.IsRetired) = (request.IsVisible, request.IsActive, request.IsHidden, request.IsRetired);
        product.StockControl = request.StockControl;
        // Without what the form loaded, the count is set as given; with it, only a changed count is written, below.
        if (request.StockQuantityLoaded is null) product.StockQuantity = request.StockQuantity;
        (product.HourlyBilling, product.AllowIdle, product.ConvertPrice) = (request.HourlyBilling, request.AllowIdle, request.ConvertPrice);
        (product.TerminationDelayHours, product.CancellationDelayHours) = (request.TerminationDelayHours, request.CancellationDelayHours);
        (product.NotifyWelcome, product.NotifySuspension, product.NotifyUnsuspension, product.NotifyTermination, product.NotifyCancellation) =
            (request.NotifyWelcome, request.NotifySuspension, request.NotifyUnsuspension, request.NotifyTermination, request.NotifyCancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ProductRules.SaveAsync(db, cancellationToken);
        if (request.StockQuantityLoaded is { } loaded && request.StockQuantity != loaded)
        {
            // Written only over the count the person saw: an order placed since then must not be sold again.
            if (await db.Products.Where(p => p.Id == product.Id && p.StockQuantity == loaded)
                    .ExecuteUpdateAsync(u => u.SetProperty(p => p.StockQuantity, request.StockQuantity), cancellationToken) == 0)
            {
                var now = await db.Products.Where(p => p.Id == product.Id).Select(p => p.StockQuantity).FirstAsync(cancellationToken);
                throw RequestValidationException.For(nameof(UpdateProduct.StockQuantity),
                    $"Orders changed the stock from {loaded} to {now} since it was read: enter the stock again from {now}.");
            }
            product.StockQuantity = request.StockQuantity;
        }
        // Switching "convert price" on derives the other currencies now; switching it off keeps them as typed prices.
        await PriceConversion.RecomputeProductAsync(db, product.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ProductRules.ToDtoAsync(usage, product, cancellationToken);
    }
}
