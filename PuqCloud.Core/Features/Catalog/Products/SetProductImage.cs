using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Stores a picture for the slot (null content removes it); answers the new relative path.</summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record SetProductImage(Guid Id, CatalogImageSlot Slot, byte[]? Content) : ICommand<string?>;

public sealed class SetProductImageValidator : AbstractValidator<SetProductImage>
{
    public SetProductImageValidator() => RuleFor(x => x.Slot).IsInEnum().WithMessage("Use the icon or background slot.");
}

public sealed class SetProductImageHandler(IDbContextFactory<AppDbContext> contexts, IImageStore images) : IRequestHandler<SetProductImage, string?>
{
    public const string ImageFolder = "products";

    public async Task<string?> Handle(SetProductImage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await ProductRules.FindAsync(db.Products, request.Id, cancellationToken);
        var icon = request.Slot == CatalogImageSlot.Icon;
        return await images.ReplaceAsync(db, ImageFolder, request.Content, icon ? product.IconPath : product.BackgroundPath,
            path => { if (icon) product.IconPath = path; else product.BackgroundPath = path; }, cancellationToken);
    }
}
