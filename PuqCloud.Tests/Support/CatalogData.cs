using PuqCloud.Core.Domain.Catalog;

namespace PuqCloud.Tests.Support;

/// <summary>Catalog records written straight to the database, for tests of features that only use them.</summary>
public static class CatalogData
{
    /// <summary>A valid 48×48 PNG: a blue disc on transparency.</summary>
    public static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAhElEQVR42u3ZwRHAIAhEUZuxspSfIuKkBBUE1r8z3vfdBFojhJA//Xm/2Ve2eAqIRfEwiEf5IwjP4u6Qk+XNERHlTRGlAZHltxEZym8hSgMylV9ClAZkLD+FAAAAAAAAAAAAuBnAd5qhhpFSZCvBYuv29SLbabn7gMyFRuJGJnOlJKR4BnWa5RChjS7RAAAAAElFTkSuQmCC");

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
