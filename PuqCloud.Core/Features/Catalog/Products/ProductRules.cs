using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Steps that several Product use cases share.</summary>
internal static class ProductRules
{
    /// <summary>The product or a 404.</summary>
    public static async Task<Product> FindAsync(IQueryable<Product> products, Guid id, CancellationToken cancellationToken) =>
        await products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("There is no such product.");

    internal static async Task EnsureKeyFreeAsync(AppDbContext db, string key, Guid id, CancellationToken cancellationToken)
    {
        if (await db.Products.AnyAsync(p => p.Key == key && p.Id != id, cancellationToken))
            throw RequestValidationException.For(nameof(IProductFields.Key), $"Another product already has the key {key}.");
    }

    internal static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
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

    internal static async Task<ProductDto> ToDtoAsync(IProductUsage usage, Product p, CancellationToken cancellationToken) =>
        new(p.Id, p.Key, p.Name, p.Description, p.IsVisible, p.IsActive, p.IsHidden, p.IsRetired, p.StockControl, p.StockQuantity, p.HourlyBilling, p.AllowIdle,
            p.TerminationDelayHours, p.CancellationDelayHours, p.NotifyWelcome, p.NotifySuspension, p.NotifyUnsuspension, p.NotifyTermination, p.NotifyCancellation,
            p.ConvertPrice, p.IconPath, p.BackgroundPath, p.ModuleKey, await usage.CountServicesAsync(p.Id, cancellationToken), p.CreatedAt, p.UpdatedAt);
}
