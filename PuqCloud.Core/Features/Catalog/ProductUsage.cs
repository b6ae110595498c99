namespace PuqCloud.Core.Features.Catalog;

/// <summary>
/// How many services use a product: the products grid shows it and a product in use cannot be deleted.
/// Services arrive with a later issue; until then <see cref="NoServicesYet"/> answers zero, and the services
/// issue replaces the registration with a count over its table.
/// </summary>
public interface IProductUsage
{
    Task<IReadOnlyDictionary<Guid, int>> CountServicesAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);
}

/// <summary>The usage before services exist: no product has any.</summary>
public sealed class NoServicesYet : IProductUsage
{
    public Task<IReadOnlyDictionary<Guid, int>> CountServicesAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, int>>(new Dictionary<Guid, int>());
}

public static class ProductUsageExtensions
{
    public static async Task<int> CountServicesAsync(this IProductUsage usage, Guid productId, CancellationToken cancellationToken) =>
        (await usage.CountServicesAsync([productId], cancellationToken)).GetValueOrDefault(productId);
}
