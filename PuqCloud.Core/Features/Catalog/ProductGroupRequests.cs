using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

public sealed record ProductGroupRow(Guid Id, string Key, string Name, string? IconPath, bool IsVisible, int ProductCount, int Position);

public sealed record ProductGroupItemDto(Guid ProductId, string Key, string Name, bool IsVisible, bool IsActive, int Position);

public sealed record ProductGroupDetails(Guid Id, string Key, IReadOnlyDictionary<string, string> Name, IReadOnlyDictionary<string, string> Description,
    bool IsVisible, int Position, string? IconPath, string? BackgroundPath, string ListView, string OrderView, string ManageView,
    IReadOnlyList<ProductGroupItemDto> Products);

/// <summary>A product that can be added to a group.</summary>
public sealed record ProductChoice(Guid Id, string Key, string Name);

/// <summary>
/// The client-area views a product group can use to list its products, take an order and manage a service.
/// The client area renders them; the console only chooses.
/// </summary>
public static class ClientAreaViews
{
    public static IReadOnlyList<string> List { get; } = ["cards", "table"];
    public static IReadOnlyList<string> Order { get; } = ["single-page", "step-by-step"];
    public static IReadOnlyList<string> Manage { get; } = ["standard", "compact"];
}

[RequiresPermission(Permissions.ProductGroupsView)]
public sealed record ListProductGroups(PageRequest Page) : IQuery<PagedResult<ProductGroupRow>>;

[RequiresPermission(Permissions.ProductGroupsView)]
public sealed record GetProductGroup(Guid Id) : IQuery<ProductGroupDetails>;

/// <summary>Products not yet in the group, for its "Add products" picker.</summary>
[RequiresPermission(Permissions.ProductGroupsView)]
public sealed record ListProductsOutsideGroup(Guid GroupId) : IQuery<IReadOnlyList<ProductChoice>>;

[RequiresPermission(Permissions.ProductGroupsCreate)]
public sealed record CreateProductGroup(string Key) : ICommand<ProductGroupDetails>;

[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record UpdateProductGroup(Guid Id, string Key, IReadOnlyDictionary<string, string>? Name, IReadOnlyDictionary<string, string>? Description,
    bool IsVisible, string ListView, string OrderView, string ManageView) : ICommand<ProductGroupDetails>, ICatalogGroupFields;

[RequiresPermission(Permissions.ProductGroupsDelete)]
public sealed record DeleteProductGroup(Guid Id) : ICommand<Unit>;

/// <summary>The new order of all groups (every id exactly once).</summary>
[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record ReorderProductGroups(IReadOnlyList<Guid> Ids) : ICommand<Unit>;

/// <summary>Adds products to the end of the group, in the order given; ones already in it are left where they are.</summary>
[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record AddProductsToGroup(Guid GroupId, IReadOnlyList<Guid> ProductIds) : ICommand<ProductGroupDetails>;

[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record RemoveProductFromGroup(Guid GroupId, Guid ProductId) : ICommand<ProductGroupDetails>;

/// <summary>The new order of the group's products (every product of the group exactly once).</summary>
[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record ReorderGroupProducts(Guid GroupId, IReadOnlyList<Guid> ProductIds) : ICommand<ProductGroupDetails>;

/// <summary>Replaces the group's icon or background (null content removes it); answers the new path.</summary>
[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record SetProductGroupImage(Guid GroupId, CatalogImageSlot Slot, byte[]? Content) : ICommand<string?>;

public sealed class CreateProductGroupValidator : AbstractValidator<CreateProductGroup>
{
    public CreateProductGroupValidator() => RuleFor(x => x.Key).ValidCatalogKey();
}

public sealed class UpdateProductGroupValidator : CatalogGroupFieldsValidator<UpdateProductGroup>
{
    public UpdateProductGroupValidator()
    {
        RuleFor(x => x.ListView).Must(v => ClientAreaViews.List.Contains(v)).WithMessage("Choose a list view.");
        RuleFor(x => x.OrderView).Must(v => ClientAreaViews.Order.Contains(v)).WithMessage("Choose an order view.");
        RuleFor(x => x.ManageView).Must(v => ClientAreaViews.Manage.Contains(v)).WithMessage("Choose a manage view.");
    }
}

public sealed class ReorderProductGroupsValidator : AbstractValidator<ReorderProductGroups>
{
    public ReorderProductGroupsValidator() => RuleFor(x => x.Ids).NotNull();
}

public sealed class AddProductsToGroupValidator : AbstractValidator<AddProductsToGroup>
{
    public AddProductsToGroupValidator() => RuleFor(x => x.ProductIds).NotEmpty().WithMessage("Choose at least one product.");
}

public sealed class ProductGroupHandlers(IDbContextFactory<AppDbContext> contexts, IImageStore images) :
    IRequestHandler<ListProductGroups, PagedResult<ProductGroupRow>>,
    IRequestHandler<GetProductGroup, ProductGroupDetails>,
    IRequestHandler<ListProductsOutsideGroup, IReadOnlyList<ProductChoice>>,
    IRequestHandler<CreateProductGroup, ProductGroupDetails>,
    IRequestHandler<UpdateProductGroup, ProductGroupDetails>,
    IRequestHandler<DeleteProductGroup, Unit>,
    IRequestHandler<ReorderProductGroups, Unit>,
    IRequestHandler<AddProductsToGroup, ProductGroupDetails>,
    IRequestHandler<RemoveProductFromGroup, ProductGroupDetails>,
    IRequestHandler<ReorderGroupProducts, ProductGroupDetails>,
    IRequestHandler<SetProductGroupImage, string?>
{
    private const string NotFound = "There is no such product group.";

    private static readonly SortMap<ProductGroup> Sorts = new SortMap<ProductGroup>("position")
        .Add("position", g => g.Position)
        .Add("key", g => g.Key)
        .Add("isVisible", g => g.IsVisible);

    private static string Language => Languages.Current;

    public async Task<PagedResult<ProductGroupRow>> Handle(ListProductGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ProductGroups.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            // Names are JSON of language → text; matching the stored text finds a name in any language.
            query = query.Where(g => EF.Functions.Like(g.Key.ToLower(), pattern, "\\") || EF.Functions.Like(((string)(object)g.Name).ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, g => new { Group = g, Products = g.Items.Count }, cancellationToken);
        return new PagedResult<ProductGroupRow>(page.Items.Select(i => new ProductGroupRow(i.Group.Id, i.Group.Key,
            Translations.Resolve(i.Group.Name, Language, i.Group.Key), i.Group.IconPath, i.Group.IsVisible, i.Products, i.Group.Position)).ToList(),
            page.Total, page.Page, page.PageSize);
    }

    public async Task<ProductGroupDetails> Handle(GetProductGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DetailsAsync(db, request.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<ProductChoice>> Handle(ListProductsOutsideGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.AsNoTracking()
            .Where(p => !db.ProductGroupItems.Any(i => i.ProductGroupId == request.GroupId && i.ProductId == p.Id))
            .OrderBy(p => p.Key).Select(p => new { p.Id, p.Key, p.Name }).ToListAsync(cancellationToken);
        return products.Select(p => new ProductChoice(p.Id, p.Key, Translations.Resolve(p.Name, Language, p.Key))).ToList();
    }

    public async Task<ProductGroupDetails> Handle(CreateProductGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = CatalogKeys.Normalize(request.Key);
        await EnsureKeyFreeAsync(db, key, null, cancellationToken);
        var last = await db.ProductGroups.MaxAsync(g => (int?)g.Position, cancellationToken) ?? 0;
        var group = new ProductGroup
        {
            Key = key,
            Position = last + 1,
            ListView = ClientAreaViews.List[0],
            OrderView = ClientAreaViews.Order[0],
            ManageView = ClientAreaViews.Manage[0],
        };
        db.ProductGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return await DetailsAsync(db, group.Id, cancellationToken);
    }

    public async Task<ProductGroupDetails> Handle(UpdateProductGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(NotFound);
        var key = CatalogKeys.Normalize(request.Key);
        await EnsureKeyFreeAsync(db, key, group.Id, cancellationToken);
        group.Key = key;
        group.Name = Translations.Normalize(request.Name);
        group.Description = Translations.Normalize(request.Description);
        group.IsVisible = request.IsVisible;
        group.ListView = request.ListView;
        group.OrderView = request.OrderView;
        group.ManageView = request.ManageView;
        await db.SaveChangesAsync(cancellationToken);
        return await DetailsAsync(db, group.Id, cancellationToken);
    }

    public async Task<Unit> Handle(DeleteProductGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(NotFound);
        // The products stay: a group only lists them.
        db.ProductGroups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        images.Delete(group.IconPath);
        images.Delete(group.BackgroundPath);
        return Unit.Value;
    }

    public async Task<Unit> Handle(ReorderProductGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.ProductGroups.ToListAsync(cancellationToken);
        CatalogPositions.Apply(request.Ids, groups, g => g.Id, (g, position) => g.Position = position, "List every product group exactly once.");
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<ProductGroupDetails> Handle(AddProductsToGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.Include(g => g.Items).FirstOrDefaultAsync(g => g.Id == request.GroupId, cancellationToken) ?? throw new NotFoundException(NotFound);
        var wanted = request.ProductIds.Distinct().ToList();
        var known = await db.Products.Where(p => wanted.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        if (known.Count != wanted.Count) throw RequestValidationException.For(nameof(request.ProductIds), "One of the chosen products does not exist.");
        var position = group.Items.Count == 0 ? 0 : group.Items.Max(i => i.Position);
        foreach (var productId in wanted.Where(id => group.Items.All(i => i.ProductId != id)))
            group.Items.Add(new ProductGroupItem { ProductGroupId = group.Id, ProductId = productId, Position = ++position });
        await db.SaveChangesAsync(cancellationToken);
        return await DetailsAsync(db, group.Id, cancellationToken);
    }

    public async Task<ProductGroupDetails> Handle(RemoveProductFromGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.Include(g => g.Items).FirstOrDefaultAsync(g => g.Id == request.GroupId, cancellationToken) ?? throw new NotFoundException(NotFound);
        var item = group.Items.FirstOrDefault(i => i.ProductId == request.ProductId) ?? throw new NotFoundException("The product is not in this group.");
        group.Items.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        return await DetailsAsync(db, group.Id, cancellationToken);
    }

    public async Task<ProductGroupDetails> Handle(ReorderGroupProducts request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.Include(g => g.Items).FirstOrDefaultAsync(g => g.Id == request.GroupId, cancellationToken) ?? throw new NotFoundException(NotFound);
        CatalogPositions.Apply(request.ProductIds, group.Items, i => i.ProductId, (i, position) => i.Position = position,
            "List every product of the group exactly once.", nameof(request.ProductIds));
        await db.SaveChangesAsync(cancellationToken);
        return await DetailsAsync(db, group.Id, cancellationToken);
    }

    public async Task<string?> Handle(SetProductGroupImage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.FirstOrDefaultAsync(g => g.Id == request.GroupId, cancellationToken) ?? throw new NotFoundException(NotFound);
        return request.Slot == CatalogImageSlot.Icon
            ? await images.ReplaceAsync(db, "product-groups", request.Content, group.IconPath, p => group.IconPath = p, cancellationToken)
            : await images.ReplaceAsync(db, "product-groups", request.Content, group.BackgroundPath, p => group.BackgroundPath = p, cancellationToken);
    }

    private static async Task EnsureKeyFreeAsync(AppDbContext db, string key, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.ProductGroups.AnyAsync(g => g.Key == key && g.Id != except, cancellationToken))
            throw RequestValidationException.For("Key", $"A product group with the key {key} already exists.");
    }

    private async Task<ProductGroupDetails> DetailsAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
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
