using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>An attribute a product carries, with its group. Names in the asked language.</summary>
public sealed record ProductAttributeDto(Guid AttributeId, string Key, string Name, bool IsVisible, Guid GroupId, string GroupKey, string GroupName);

/// <summary>An option group offered with a product, at its place among the product's groups, with its options in the group's order.</summary>
public sealed record ProductOptionGroupDto(Guid OptionGroupId, string Key, string Name, int Position, IReadOnlyList<ProductOptionItem> Options);

public sealed record ProductOptionItem(Guid Id, string Key, string Name);

/// <summary>The product's attributes, by group key then attribute key.</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListProductAttributes(Guid ProductId, string? Language = null) : IQuery<IReadOnlyList<ProductAttributeDto>>;

[RequiresPermission(Permissions.ProductsEdit)]
public sealed record AddProductAttribute(Guid ProductId, Guid AttributeId) : ICommand<Unit>;

[RequiresPermission(Permissions.ProductsEdit)]
public sealed record RemoveProductAttribute(Guid ProductId, Guid AttributeId) : ICommand<Unit>;

/// <summary>The product's option groups in the product's order.</summary>
[RequiresPermission(Permissions.ProductsView)]
public sealed record ListProductOptionGroups(Guid ProductId, string? Language = null) : IQuery<IReadOnlyList<ProductOptionGroupDto>>;

/// <summary>Attaches an option group; it goes last.</summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record AddProductOptionGroup(Guid ProductId, Guid OptionGroupId) : ICommand<Unit>;

[RequiresPermission(Permissions.ProductsEdit)]
public sealed record RemoveProductOptionGroup(Guid ProductId, Guid OptionGroupId) : ICommand<Unit>;

/// <summary>Puts the product's option groups in the given order: every attached group, each once.</summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record ReorderProductOptionGroups(Guid ProductId, IReadOnlyList<Guid> OptionGroupIds) : ICommand<Unit>;

public sealed class AddProductAttributeValidator : AbstractValidator<AddProductAttribute>
{
    public AddProductAttributeValidator() => RuleFor(x => x.AttributeId).NotEmpty().WithMessage("Choose an attribute.");
}

public sealed class AddProductOptionGroupValidator : AbstractValidator<AddProductOptionGroup>
{
    public AddProductOptionGroupValidator() => RuleFor(x => x.OptionGroupId).NotEmpty().WithMessage("Choose an option group.");
}

public sealed class ProductLinkHandlers(IDbContextFactory<AppDbContext> contexts) :
    IRequestHandler<ListProductAttributes, IReadOnlyList<ProductAttributeDto>>,
    IRequestHandler<AddProductAttribute, Unit>,
    IRequestHandler<RemoveProductAttribute, Unit>,
    IRequestHandler<ListProductOptionGroups, IReadOnlyList<ProductOptionGroupDto>>,
    IRequestHandler<AddProductOptionGroup, Unit>,
    IRequestHandler<RemoveProductOptionGroup, Unit>,
    IRequestHandler<ReorderProductOptionGroups, Unit>
{
    public async Task<IReadOnlyList<ProductAttributeDto>> Handle(ListProductAttributes request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductHandlers.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var rows = await (
                from l in db.ProductAttributeLinks.AsNoTracking()
                join a in db.ProductAttributes.AsNoTracking() on l.AttributeId equals a.Id
                join g in db.AttributeGroups.AsNoTracking() on a.AttributeGroupId equals g.Id
                where l.ProductId == request.ProductId
                orderby g.Key, a.Key
                select new { a.Id, a.Key, a.Name, a.IsVisible, GroupId = g.Id, GroupKey = g.Key, GroupName = g.Name })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ProductAttributeDto(r.Id, r.Key, Translations.Resolve(r.Name, request.Language, r.Key), r.IsVisible,
            r.GroupId, r.GroupKey, Translations.Resolve(r.GroupName, request.Language, r.GroupKey))).ToList();
    }

    public async Task<Unit> Handle(AddProductAttribute request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductHandlers.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var attribute = await db.ProductAttributes.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.AttributeId, cancellationToken)
            ?? throw RequestValidationException.For(nameof(AddProductAttribute.AttributeId), "There is no such attribute.");
        if (await db.ProductAttributeLinks.AnyAsync(l => l.ProductId == request.ProductId && l.AttributeId == attribute.Id, cancellationToken))
            throw RequestValidationException.For(nameof(AddProductAttribute.AttributeId), $"The product already has {attribute.Key}.");
        db.ProductAttributeLinks.Add(new ProductAttributeLink { ProductId = request.ProductId, AttributeId = attribute.Id });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(RemoveProductAttribute request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ProductAttributeLinks.FirstOrDefaultAsync(l => l.ProductId == request.ProductId && l.AttributeId == request.AttributeId, cancellationToken)
            ?? throw new NotFoundException("The product has no such attribute.");
        db.ProductAttributeLinks.Remove(link);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<IReadOnlyList<ProductOptionGroupDto>> Handle(ListProductOptionGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductHandlers.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var groups = await db.ProductOptionGroupLinks.AsNoTracking().Where(l => l.ProductId == request.ProductId)
            .OrderBy(l => l.Position).ThenBy(l => l.OptionGroup!.Key)
            .Select(l => new { l.OptionGroupId, l.OptionGroup!.Key, l.OptionGroup.Name, l.Position })
            .ToListAsync(cancellationToken);
        var groupIds = groups.Select(g => g.OptionGroupId).ToList();
        var options = (await db.ProductOptions.AsNoTracking().Where(o => groupIds.Contains(o.OptionGroupId))
                .OrderBy(o => o.Position).ThenBy(o => o.Key)
                .Select(o => new { o.OptionGroupId, o.Id, o.Key, o.Name }).ToListAsync(cancellationToken))
            .ToLookup(o => o.OptionGroupId);
        return groups.Select(g => new ProductOptionGroupDto(g.OptionGroupId, g.Key, Translations.Resolve(g.Name, request.Language, g.Key), g.Position,
            options[g.OptionGroupId].Select(o => new ProductOptionItem(o.Id, o.Key, Translations.Resolve(o.Name, request.Language, o.Key))).ToList())).ToList();
    }

    public async Task<Unit> Handle(AddProductOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductHandlers.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var group = await db.OptionGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == request.OptionGroupId, cancellationToken)
            ?? throw RequestValidationException.For(nameof(AddProductOptionGroup.OptionGroupId), "There is no such option group.");
        var links = db.ProductOptionGroupLinks.Where(l => l.ProductId == request.ProductId);
        if (await links.AnyAsync(l => l.OptionGroupId == group.Id, cancellationToken))
            throw RequestValidationException.For(nameof(AddProductOptionGroup.OptionGroupId), $"The product already offers {group.Key}.");
        var last = await links.MaxAsync(l => (int?)l.Position, cancellationToken) ?? -1;
        db.ProductOptionGroupLinks.Add(new ProductOptionGroupLink { ProductId = request.ProductId, OptionGroupId = group.Id, Position = last + 1 });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(RemoveProductOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ProductOptionGroupLinks.FirstOrDefaultAsync(l => l.ProductId == request.ProductId && l.OptionGroupId == request.OptionGroupId, cancellationToken)
            ?? throw new NotFoundException("The product does not offer this option group.");
        db.ProductOptionGroupLinks.Remove(link);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(ReorderProductOptionGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductHandlers.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var links = await db.ProductOptionGroupLinks.Where(l => l.ProductId == request.ProductId).ToListAsync(cancellationToken);
        CatalogPositions.Apply(request.OptionGroupIds, links, l => l.OptionGroupId, (l, position) => l.Position = position,
            "List every option group of the product exactly once (the list changed meanwhile? reload and try again).", nameof(request.OptionGroupIds));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
