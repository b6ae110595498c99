namespace PuqCloud.Core.Features.Catalog;

/// <summary>The pictures a catalog record carries (products, groups, attribute and option groups).</summary>
public enum CatalogImageSlot
{
    Icon,
    Background,
}
