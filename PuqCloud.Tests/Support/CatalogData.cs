using PuqCloud.Core.Domain.Catalog;

namespace PuqCloud.Tests.Support;

/// <summary>Catalog records written straight to the database, for tests of features that only use them.</summary>
public static class CatalogData
{
    public static string UniqueKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<Product> AddProductAsync(this PuqAppFactory app, string? key = null, string? englishName = null, bool active = true)
    {
        await using var db = app.CreateDbContext();
        var product = new Product
        {
            Key = key ?? UniqueKey("product"),
            Name = englishName is null ? [] : new Dictionary<string, string> { ["en"] = englishName },
            IsActive = active,
            IsVisible = true,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product;
    }
}
