using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

public sealed record AttributeGroupRow(Guid Id, string Key, string Name, string? IconPath, bool IsVisible, int AttributeCount);

/// <summary>An attribute of a group; <see cref="ProductCount"/> is how many products carry it (deleting it takes it off them).</summary>
public sealed record AttributeDto(Guid Id, Guid GroupId, string Key, IReadOnlyDictionary<string, string> Name, bool IsVisible, int ProductCount);

public sealed record AttributeGroupDetails(Guid Id, string Key, IReadOnlyDictionary<string, string> Name, IReadOnlyDictionary<string, string> Description,
    bool IsVisible, string? IconPath, string? BackgroundPath, IReadOnlyList<AttributeDto> Attributes);

/// <summary>The fields a person sets on an attribute (create and update share them).</summary>
public interface IAttributeFields
{
    string Key { get; }
    IReadOnlyDictionary<string, string>? Name { get; }
    bool IsVisible { get; }
}

[RequiresPermission(Permissions.AttributeGroupsView)]
public sealed record ListAttributeGroups(PageRequest Page) : IQuery<PagedResult<AttributeGroupRow>>;

[RequiresPermission(Permissions.AttributeGroupsView)]
public sealed record GetAttributeGroup(Guid Id) : IQuery<AttributeGroupDetails>;

[RequiresPermission(Permissions.AttributeGroupsCreate)]
public sealed record CreateAttributeGroup(string Key) : ICommand<AttributeGroupDetails>;

[RequiresPermission(Permissions.AttributeGroupsEdit)]
public sealed record UpdateAttributeGroup(Guid Id, string Key, IReadOnlyDictionary<string, string>? Name, IReadOnlyDictionary<string, string>? Description,
    bool IsVisible) : ICommand<AttributeGroupDetails>;

/// <summary>Deletes the group with its attributes; products that carried them simply lose them.</summary>
[RequiresPermission(Permissions.AttributeGroupsDelete)]
public sealed record DeleteAttributeGroup(Guid Id) : ICommand<Unit>;

/// <summary>Replaces the group's icon or background (null content removes it); answers the new path.</summary>
[RequiresPermission(Permissions.AttributeGroupsEdit)]
public sealed record SetAttributeGroupImage(Guid Id, CatalogImageSlot Slot, byte[]? Content) : ICommand<string?>;

[RequiresPermission(Permissions.AttributeGroupsView)]
public sealed record ListAttributes(Guid GroupId) : IQuery<IReadOnlyList<AttributeDto>>;

/// <summary>Attributes are part of their group: adding, changing and removing one is editing the group.</summary>
[RequiresPermission(Permissions.AttributeGroupsEdit)]
public sealed record CreateAttribute(Guid GroupId, string Key, IReadOnlyDictionary<string, string>? Name, bool IsVisible) : ICommand<AttributeDto>, IAttributeFields;

[RequiresPermission(Permissions.AttributeGroupsEdit)]
public sealed record UpdateAttribute(Guid GroupId, Guid AttributeId, string Key, IReadOnlyDictionary<string, string>? Name, bool IsVisible) : ICommand<AttributeDto>, IAttributeFields;

/// <summary>Deletes an attribute; products that carry it lose it (the console asks first, naming how many).</summary>
[RequiresPermission(Permissions.AttributeGroupsEdit)]
public sealed record DeleteAttribute(Guid GroupId, Guid AttributeId) : ICommand<Unit>;

public sealed class CreateAttributeGroupValidator : AbstractValidator<CreateAttributeGroup>
{
    public CreateAttributeGroupValidator() => RuleFor(x => x.Key).ValidCatalogKey();
}

public sealed class UpdateAttributeGroupValidator : AbstractValidator<UpdateAttributeGroup>
{
    public UpdateAttributeGroupValidator()
    {
        RuleFor(x => x.Key).ValidCatalogKey();
        RuleFor(x => x.Name).ValidTranslations(200);
        RuleFor(x => x.Description).ValidTranslations(5000);
    }
}

public abstract class AttributeFieldsValidator<T> : AbstractValidator<T> where T : IAttributeFields
{
    protected AttributeFieldsValidator()
    {
        RuleFor(x => x.Key).ValidCatalogKey();
        RuleFor(x => x.Name).ValidTranslations(200);
    }
}

public sealed class CreateAttributeValidator : AttributeFieldsValidator<CreateAttribute>;

public sealed class UpdateAttributeValidator : AttributeFieldsValidator<UpdateAttribute>;

public sealed class AttributeGroupHandlers(IDbContextFactory<AppDbContext> contexts, IImageStore images) :
    IRequestHandler<ListAttributeGroups, PagedResult<AttributeGroupRow>>,
    IRequestHandler<GetAttributeGroup, AttributeGroupDetails>,
    IRequestHandler<CreateAttributeGroup, AttributeGroupDetails>,
    IRequestHandler<UpdateAttributeGroup, AttributeGroupDetails>,
    IRequestHandler<DeleteAttributeGroup, Unit>,
    IRequestHandler<SetAttributeGroupImage, string?>,
    IRequestHandler<ListAttributes, IReadOnlyList<AttributeDto>>,
    IRequestHandler<CreateAttribute, AttributeDto>,
    IRequestHandler<UpdateAttribute, AttributeDto>,
    IRequestHandler<DeleteAttribute, Unit>
{
    private const string NotFound = "There is no such attribute group.";
    private const string AttributeNotFound = "There is no such attribute in this group.";

    private static readonly SortMap<AttributeGroup> Sorts = new SortMap<AttributeGroup>("key")
        .Add("key", g => g.Key)
        .Add("isVisible", g => g.IsVisible)
        .Add("attributeCount", g => g.Attributes.Count);

    public async Task<PagedResult<AttributeGroupRow>> Handle(ListAttributeGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AttributeGroups.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            // Names are JSON of language → text; matching the stored text finds a name in any language.
            query = query.Where(g => EF.Functions.Like(g.Key.ToLower(), pattern, "\\") || EF.Functions.Like(((string)(object)g.Name).ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, g => new { Group = g, Attributes = g.Attributes.Count }, cancellationToken);
        return new PagedResult<AttributeGroupRow>(page.Items.Select(i => new AttributeGroupRow(i.Group.Id, i.Group.Key,
            Translations.Resolve(i.Group.Name, Languages.Current, i.Group.Key), i.Group.IconPath, i.Group.IsVisible, i.Attributes)).ToList(),
            page.Total, page.Page, page.PageSize);
    }

    public async Task<AttributeGroupDetails> Handle(GetAttributeGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DetailsAsync(db, request.Id, cancellationToken);
    }

    public async Task<AttributeGroupDetails> Handle(CreateAttributeGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = CatalogKeys.Normalize(request.Key);
        await EnsureGroupKeyFreeAsync(db, key, null, cancellationToken);
        var group = new AttributeGroup { Key = key, IsVisible = true };
        db.AttributeGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return await DetailsAsync(db, group.Id, cancellationToken);
    }

    public async Task<AttributeGroupDetails> Handle(UpdateAttributeGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.AttributeGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(NotFound);
        var key = CatalogKeys.Normalize(request.Key);
        await EnsureGroupKeyFreeAsync(db, key, group.Id, cancellationToken);
        group.Key = key;
        group.Name = Translations.Normalize(request.Name);
        group.Description = Translations.Normalize(request.Description);
        group.IsVisible = request.IsVisible;
        await db.SaveChangesAsync(cancellationToken);
        return await DetailsAsync(db, group.Id, cancellationToken);
    }

    public async Task<Unit> Handle(DeleteAttributeGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.AttributeGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(NotFound);
        // Attributes and their links to products go with the group (cascades in the schema).
        db.AttributeGroups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        images.Delete(group.IconPath);
        images.Delete(group.BackgroundPath);
        return Unit.Value;
    }

    public async Task<string?> Handle(SetAttributeGroupImage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.AttributeGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(NotFound);
        var icon = request.Slot == CatalogImageSlot.Icon;
        return await images.ReplaceAsync(db, "attribute-groups", request.Content, icon ? group.IconPath : group.BackgroundPath,
            path => { if (icon) group.IconPath = path; else group.BackgroundPath = path; }, cancellationToken);
    }

    public async Task<IReadOnlyList<AttributeDto>> Handle(ListAttributes request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.AttributeGroups.AnyAsync(g => g.Id == request.GroupId, cancellationToken)) throw new NotFoundException(NotFound);
        return await AttributesAsync(db, request.GroupId, null, cancellationToken);
    }

    public async Task<AttributeDto> Handle(CreateAttribute request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.AttributeGroups.AnyAsync(g => g.Id == request.GroupId, cancellationToken)) throw new NotFoundException(NotFound);
        var attribute = new ProductAttribute { AttributeGroupId = request.GroupId };
        await ApplyAsync(db, attribute, request, cancellationToken);
        db.ProductAttributes.Add(attribute);
        await db.SaveChangesAsync(cancellationToken);
        return (await AttributesAsync(db, request.GroupId, attribute.Id, cancellationToken))[0];
    }

    public async Task<AttributeDto> Handle(UpdateAttribute request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attribute = await FindAttributeAsync(db, request.GroupId, request.AttributeId, cancellationToken);
        await ApplyAsync(db, attribute, request, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (await AttributesAsync(db, request.GroupId, attribute.Id, cancellationToken))[0];
    }

    public async Task<Unit> Handle(DeleteAttribute request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attribute = await FindAttributeAsync(db, request.GroupId, request.AttributeId, cancellationToken);
        // Products that carried it lose it: the links cascade.
        db.ProductAttributes.Remove(attribute);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private static async Task ApplyAsync(AppDbContext db, ProductAttribute attribute, IAttributeFields input, CancellationToken cancellationToken)
    {
        var key = CatalogKeys.Normalize(input.Key);
        // Attribute keys are unique across all groups, so modules can refer to an attribute by its key alone.
        if (await db.ProductAttributes.AnyAsync(a => a.Key == key && a.Id != attribute.Id, cancellationToken))
            throw RequestValidationException.For(nameof(IAttributeFields.Key), $"An attribute with the key {key} already exists.");
        attribute.Key = key;
        attribute.Name = Translations.Normalize(input.Name);
        attribute.IsVisible = input.IsVisible;
    }

    private static async Task<ProductAttribute> FindAttributeAsync(AppDbContext db, Guid groupId, Guid attributeId, CancellationToken cancellationToken) =>
        await db.ProductAttributes.FirstOrDefaultAsync(a => a.Id == attributeId && a.AttributeGroupId == groupId, cancellationToken)
        ?? throw new NotFoundException(AttributeNotFound);

    private static async Task EnsureGroupKeyFreeAsync(AppDbContext db, string key, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.AttributeGroups.AnyAsync(g => g.Key == key && g.Id != except, cancellationToken))
            throw RequestValidationException.For("Key", $"An attribute group with the key {key} already exists.");
    }

    private static async Task<IReadOnlyList<AttributeDto>> AttributesAsync(AppDbContext db, Guid groupId, Guid? only, CancellationToken cancellationToken)
    {
        var rows = await db.ProductAttributes.AsNoTracking()
            .Where(a => a.AttributeGroupId == groupId && (only == null || a.Id == only))
            .OrderBy(a => a.Key)
            .Select(a => new { Attribute = a, Products = db.ProductAttributeLinks.Count(l => l.AttributeId == a.Id) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AttributeDto(r.Attribute.Id, groupId, r.Attribute.Key, r.Attribute.Name, r.Attribute.IsVisible, r.Products)).ToList();
    }

    private static async Task<AttributeGroupDetails> DetailsAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var group = await db.AttributeGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw new NotFoundException(NotFound);
        return new AttributeGroupDetails(group.Id, group.Key, group.Name, group.Description, group.IsVisible, group.IconPath, group.BackgroundPath,
            await AttributesAsync(db, id, null, cancellationToken));
    }
}
