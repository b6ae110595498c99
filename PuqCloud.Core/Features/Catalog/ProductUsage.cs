using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>How many services use a product: the products grid shows it and a product in use cannot be deleted.</summary>
public interface IProductUsage
{
    Task<IReadOnlyDictionary<Guid, int>> CountServicesAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);
}

/// <summary>Counts the services of each product that are not ended (terminated and cancelled ones still hold their rows, so deletion stays refused by the database).</summary>
public sealed class ServiceCountUsage(DatabaseOptions database) : IProductUsage
{
    public async Task<IReadOnlyDictionary<Guid, int>> CountServicesAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        await using var db = database.CreatePlainContext();
        return await db.Services.Where(s => productIds.Contains(s.ProductId))
            .GroupBy(s => s.ProductId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }
}

public static class ProductUsageExtensions
{
    public static async Task<int> CountServicesAsync(this IProductUsage usage, Guid productId, CancellationToken cancellationToken) =>
        (await usage.CountServicesAsync([productId], cancellationToken)).GetValueOrDefault(productId);
}
