using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Steps that several AttributeGroup use cases share.</summary>
internal static class AttributeGroupRules
{
    internal const string NotFound = "There is no such attribute group.";

    internal const string AttributeNotFound = "There is no such attribute in this group.";

    internal static async Task ApplyAsync(AppDbContext db, ProductAttribute attribute, IAttributeFields input, CancellationToken cancellationToken)
    {
        var key = CatalogKeys.Normalize(input.Key);
        // Attribute keys are unique across all groups, so modules can refer to an attribute by its key alone.
        if (await db.ProductAttributes.AnyAsync(a => a.Key == key && a.Id != attribute.Id, cancellationToken))
            throw RequestValidationException.For(nameof(IAttributeFields.Key), $"An attribute with the key {key} already exists.");
        attribute.Key = key;
        attribute.Name = Translations.Normalize(input.Name);
        attribute.IsVisible = input.IsVisible;
    }

    internal static async Task<ProductAttribute> FindAttributeAsync(AppDbContext db, Guid groupId, Guid attributeId, CancellationToken cancellationToken) =>
        await db.ProductAttributes.FirstOrDefaultAsync(a => a.Id == attributeId && a.AttributeGroupId == groupId, cancellationToken)
        ?? throw new NotFoundException(AttributeNotFound);

    internal static async Task EnsureGroupKeyFreeAsync(AppDbContext db, string key, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.AttributeGroups.AnyAsync(g => g.Key == key && g.Id != except, cancellationToken))
            throw RequestValidationException.For("Key", $"An attribute group with the key {key} already exists.");
    }

    internal static async Task<IReadOnlyList<AttributeDto>> AttributesAsync(AppDbContext db, Guid groupId, Guid? only, CancellationToken cancellationToken)
    {
        var rows = await db.ProductAttributes.AsNoTracking()
            .Where(a => a.AttributeGroupId == groupId && (only == null || a.Id == only))
            .OrderBy(a => a.Key)
            .Select(a => new { Attribute = a, Products = db.ProductAttributeLinks.Count(l => l.AttributeId == a.Id) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AttributeDto(r.Attribute.Id, groupId, r.Attribute.Key, r.Attribute.Name, r.Attribute.IsVisible, r.Products)).ToList();
    }

    internal static async Task<AttributeGroupDetails> DetailsAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var group = await db.AttributeGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw new NotFoundException(NotFound);
        return new AttributeGroupDetails(group.Id, group.Key, group.Name, group.Description, group.IsVisible, group.IconPath, group.BackgroundPath,
            await AttributesAsync(db, id, null, cancellationToken));
    }
}
