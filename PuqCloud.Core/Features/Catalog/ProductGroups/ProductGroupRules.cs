using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Steps that several ProductGroup use cases share.</summary>
internal static class ProductGroupRules
{
    internal const string NotFound = "There is no such product group.";

    internal static string Language => Languages.Current;

    internal static async Task EnsureKeyFreeAsync(AppDbContext db, string key, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.ProductGroups.AnyAsync(g => g.Key == key && g.Id != except, cancellationToken))
            throw RequestValidationException.For("Key", $"A product group with the key {key} already exists.");
    }

    internal static async Task<ProductGroupDetails> DetailsAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var group = await db.ProductGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw new NotFoundException(NotFound);
        var items = await db.ProductGroupItems.AsNoTracking().Where(i => i.ProductGroupId == id).Include(i => i.Product)
            .OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var products = items.Select(i => new ProductGroupItemDto(i.ProductId, i.Product!.Key, Translations.Resolve(i.Product.Name, Language, i.Product.Key),
            i.Product.IsVisible, i.Product.IsActive, i.Position)).ToList();
        return new ProductGroupDetails(group.Id, group.Key, group.Name, group.Description, group.IsVisible, group.Position, group.IconPath, group.BackgroundPath,
            group.ListView, group.OrderView, group.ManageView, products);
    }
}
