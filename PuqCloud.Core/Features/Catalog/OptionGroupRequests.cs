using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

public sealed record OptionGroupRow(Guid Id, string Key, string Name, string? IconPath, int Position, int OptionCount, int ProductCount);

/// <summary>One option of a group with its price rows (ordered by currency, then period).</summary>
public sealed record OptionDto(Guid Id, Guid GroupId, string Key, IReadOnlyDictionary<string, string> Name, int Position, IReadOnlyList<PriceDto> Prices);

/// <summary>An option group with its options in their order; <see cref="ProductCount"/> is how many products offer it.</summary>
public sealed record OptionGroupDetails(Guid Id, string Key, IReadOnlyDictionary<string, string> Name, IReadOnlyDictionary<string, string> Description,
    int Position, string? IconPath, string? BackgroundPath, int ProductCount, IReadOnlyList<OptionDto> Options);

/// <summary>The fields a person sets on an option (create and update share them).</summary>
public interface IOptionFields
{
    string Key { get; }
    IReadOnlyDictionary<string, string>? Name { get; }
}

[RequiresPermission(Permissions.OptionGroupsView)]
public sealed record ListOptionGroups(PageRequest Page) : IQuery<PagedResult<OptionGroupRow>>;

[RequiresPermission(Permissions.OptionGroupsView)]
public sealed record GetOptionGroup(Guid Id) : IQuery<OptionGroupDetails>;

[RequiresPermission(Permissions.OptionGroupsCreate)]
public sealed record CreateOptionGroup(string Key) : ICommand<OptionGroupDetails>;

[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record UpdateOptionGroup(Guid Id, string Key, IReadOnlyDictionary<string, string>? Name, IReadOnlyDictionary<string, string>? Description)
    : ICommand<OptionGroupDetails>;

/// <summary>Deletes a group no product offers (refused while products do: they would silently lose a choice and its prices).</summary>
[RequiresPermission(Permissions.OptionGroupsDelete)]
public sealed record DeleteOptionGroup(Guid Id) : ICommand<Unit>;

/// <summary>The new order of all option groups (every id exactly once).</summary>
[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record ReorderOptionGroups(IReadOnlyList<Guid> Ids) : ICommand<Unit>;

/// <summary>Replaces the group's icon or background (null content removes it); answers the new path.</summary>
[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record SetOptionGroupImage(Guid Id, CatalogImageSlot Slot, byte[]? Content) : ICommand<string?>;

[RequiresPermission(Permissions.OptionGroupsView)]
public sealed record GetOption(Guid GroupId, Guid OptionId) : IQuery<OptionDto>;

/// <summary>Options are part of their group: adding, changing, ordering and pricing them is editing the group. New options go last.</summary>
[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record CreateOption(Guid GroupId, string Key, IReadOnlyDictionary<string, string>? Name) : ICommand<OptionDto>, IOptionFields;

[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record UpdateOption(Guid GroupId, Guid OptionId, string Key, IReadOnlyDictionary<string, string>? Name) : ICommand<OptionDto>, IOptionFields;

[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record DeleteOption(Guid GroupId, Guid OptionId) : ICommand<Unit>;

/// <summary>The new order of the group's options (every option of the group exactly once).</summary>
[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record ReorderOptions(Guid GroupId, IReadOnlyList<Guid> Ids) : ICommand<OptionGroupDetails>;

/// <summary>Adds a price row (one per currency and period) to an option. Options have no uninstall amount.</summary>
[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record AddOptionPrice(Guid GroupId, Guid OptionId, Guid CurrencyId, PricePeriod Period,
    decimal Setup, decimal Base, decimal Idle, decimal SwitchDown, decimal SwitchUp) : ICommand<PriceDto>, IPriceFields
{
    public decimal? Uninstall => null;
}

[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record UpdateOptionPrice(Guid GroupId, Guid OptionId, Guid PriceId, Guid CurrencyId, PricePeriod Period,
    decimal Setup, decimal Base, decimal Idle, decimal SwitchDown, decimal SwitchUp) : ICommand<PriceDto>, IPriceFields
{
    public decimal? Uninstall => null;
}

[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record DeleteOptionPrice(Guid GroupId, Guid OptionId, Guid PriceId) : ICommand<Unit>;

public sealed class CreateOptionGroupValidator : AbstractValidator<CreateOptionGroup>
{
    public CreateOptionGroupValidator() => RuleFor(x => x.Key).ValidCatalogKey();
}

public sealed class UpdateOptionGroupValidator : AbstractValidator<UpdateOptionGroup>
{
    public UpdateOptionGroupValidator()
    {
        RuleFor(x => x.Key).ValidCatalogKey();
        RuleFor(x => x.Name).ValidTranslations(200);
        RuleFor(x => x.Description).ValidTranslations(5000);
    }
}

public abstract class OptionFieldsValidator<T> : AbstractValidator<T> where T : IOptionFields
{
    protected OptionFieldsValidator()
    {
        RuleFor(x => x.Key).ValidCatalogKey();
        RuleFor(x => x.Name).ValidTranslations(200);
    }
}

public sealed class CreateOptionValidator : OptionFieldsValidator<CreateOption>;

public sealed class UpdateOptionValidator : OptionFieldsValidator<UpdateOption>;

public sealed class ReorderOptionGroupsValidator : AbstractValidator<ReorderOptionGroups>
{
    public ReorderOptionGroupsValidator() => RuleFor(x => x.Ids).NotNull();
}

public sealed class ReorderOptionsValidator : AbstractValidator<ReorderOptions>
{
    public ReorderOptionsValidator() => RuleFor(x => x.Ids).NotNull();
}

public sealed class AddOptionPriceValidator : PriceFieldsValidator<AddOptionPrice>;

public sealed class UpdateOptionPriceValidator : PriceFieldsValidator<UpdateOptionPrice>;

public sealed class OptionGroupHandlers(IDbContextFactory<AppDbContext> contexts, IImageStore images) :
    IRequestHandler<ListOptionGroups, PagedResult<OptionGroupRow>>,
    IRequestHandler<GetOptionGroup, OptionGroupDetails>,
    IRequestHandler<CreateOptionGroup, OptionGroupDetails>,
    IRequestHandler<UpdateOptionGroup, OptionGroupDetails>,
    IRequestHandler<DeleteOptionGroup, Unit>,
    IRequestHandler<ReorderOptionGroups, Unit>,
    IRequestHandler<SetOptionGroupImage, string?>
{
    private const string NotFound = "There is no such option group.";

    private static readonly SortMap<OptionGroup> Sorts = new SortMap<OptionGroup>("position")
        .Add("position", g => g.Position)
        .Add("key", g => g.Key);

    public async Task<PagedResult<OptionGroupRow>> Handle(ListOptionGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.OptionGroups.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            // Names are JSON of language → text; matching the stored text finds a name in any language.
            query = query.Where(g => EF.Functions.Like(g.Key.ToLower(), pattern, "\\") || EF.Functions.Like(((string)(object)g.Name).ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts,
            g => new { Group = g, Options = g.Options.Count, Products = db.ProductOptionGroupLinks.Count(l => l.OptionGroupId == g.Id) }, cancellationToken);
        return new PagedResult<OptionGroupRow>(page.Items.Select(i => new OptionGroupRow(i.Group.Id, i.Group.Key,
            Translations.Resolve(i.Group.Name, Languages.Current, i.Group.Key), i.Group.IconPath, i.Group.Position, i.Options, i.Products)).ToList(),
            page.Total, page.Page, page.PageSize);
    }

    public async Task<OptionGroupDetails> Handle(GetOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await OptionGroupReads.DetailsAsync(db, request.Id, cancellationToken);
    }

    public async Task<OptionGroupDetails> Handle(CreateOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = CatalogKeys.Normalize(request.Key);
        await EnsureKeyFreeAsync(db, key, null, cancellationToken);
        var last = await db.OptionGroups.MaxAsync(g => (int?)g.Position, cancellationToken) ?? 0;
        var group = new OptionGroup { Key = key, Position = last + 1 };
        db.OptionGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return await OptionGroupReads.DetailsAsync(db, group.Id, cancellationToken);
    }

    public async Task<OptionGroupDetails> Handle(UpdateOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.OptionGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(NotFound);
        var key = CatalogKeys.Normalize(request.Key);
        await EnsureKeyFreeAsync(db, key, group.Id, cancellationToken);
        group.Key = key;
        group.Name = Translations.Normalize(request.Name);
        group.Description = Translations.Normalize(request.Description);
        await db.SaveChangesAsync(cancellationToken);
        return await OptionGroupReads.DetailsAsync(db, group.Id, cancellationToken);
    }

    public async Task<Unit> Handle(DeleteOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.OptionGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(NotFound);
        var products = await db.ProductOptionGroupLinks.CountAsync(l => l.OptionGroupId == group.Id, cancellationToken);
        if (products > 0)
            throw new RuleViolationException($"The option group {group.Key} is offered with {products} product(s): remove it from them first.");
        db.OptionGroups.Remove(group);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The link's restrict is the backstop when a product took the group meanwhile.
            throw new RuleViolationException($"The option group {group.Key} was just added to a product: remove it from the product first.");
        }
        images.Delete(group.IconPath);
        images.Delete(group.BackgroundPath);
        return Unit.Value;
    }

    public async Task<Unit> Handle(ReorderOptionGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.OptionGroups.ToListAsync(cancellationToken);
        if (!CatalogOrder.IsPermutationOf(request.Ids, groups.Select(g => g.Id).ToList()))
            throw RequestValidationException.For(nameof(request.Ids), "List every option group exactly once.");
        var byId = groups.ToDictionary(g => g.Id);
        for (var i = 0; i < request.Ids.Count; i++) byId[request.Ids[i]].Position = i + 1;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<string?> Handle(SetOptionGroupImage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.OptionGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(NotFound);
        var icon = request.Slot == CatalogImageSlot.Icon;
        return await images.ReplaceAsync(db, "option-groups", request.Content, icon ? group.IconPath : group.BackgroundPath,
            path => { if (icon) group.IconPath = path; else group.BackgroundPath = path; }, cancellationToken);
    }

    private static async Task EnsureKeyFreeAsync(AppDbContext db, string key, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.OptionGroups.AnyAsync(g => g.Key == key && g.Id != except, cancellationToken))
            throw RequestValidationException.For("Key", $"An option group with the key {key} already exists.");
    }
}

/// <summary>The options of a group and their price rows.</summary>
public sealed class OptionHandlers(IDbContextFactory<AppDbContext> contexts) :
    IRequestHandler<GetOption, OptionDto>,
    IRequestHandler<CreateOption, OptionDto>,
    IRequestHandler<UpdateOption, OptionDto>,
    IRequestHandler<DeleteOption, Unit>,
    IRequestHandler<ReorderOptions, OptionGroupDetails>,
    IRequestHandler<AddOptionPrice, PriceDto>,
    IRequestHandler<UpdateOptionPrice, PriceDto>,
    IRequestHandler<DeleteOptionPrice, Unit>
{
    private const string GroupNotFound = "There is no such option group.";
    private const string NotFound = "There is no such option in this group.";
    private const string PriceNotFound = "There is no such price of this option.";

    public async Task<OptionDto> Handle(GetOption request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await OptionGroupReads.OptionAsync(db, request.GroupId, request.OptionId, cancellationToken);
    }

    public async Task<OptionDto> Handle(CreateOption request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.OptionGroups.AnyAsync(g => g.Id == request.GroupId, cancellationToken)) throw new NotFoundException(GroupNotFound);
        var last = await db.ProductOptions.Where(o => o.OptionGroupId == request.GroupId).MaxAsync(o => (int?)o.Position, cancellationToken) ?? 0;
        var option = new ProductOption { OptionGroupId = request.GroupId, Position = last + 1 };
        await ApplyAsync(db, option, request, cancellationToken);
        db.ProductOptions.Add(option);
        await db.SaveChangesAsync(cancellationToken);
        return await OptionGroupReads.OptionAsync(db, request.GroupId, option.Id, cancellationToken);
    }

    public async Task<OptionDto> Handle(UpdateOption request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var option = await FindAsync(db, request.GroupId, request.OptionId, cancellationToken);
        await ApplyAsync(db, option, request, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await OptionGroupReads.OptionAsync(db, request.GroupId, option.Id, cancellationToken);
    }

    public async Task<Unit> Handle(DeleteOption request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ProductOptions.Remove(await FindAsync(db, request.GroupId, request.OptionId, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<OptionGroupDetails> Handle(ReorderOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.OptionGroups.AnyAsync(g => g.Id == request.GroupId, cancellationToken)) throw new NotFoundException(GroupNotFound);
        var options = await db.ProductOptions.Where(o => o.OptionGroupId == request.GroupId).ToListAsync(cancellationToken);
        if (!CatalogOrder.IsPermutationOf(request.Ids, options.Select(o => o.Id).ToList()))
            throw RequestValidationException.For(nameof(request.Ids), "List every option of the group exactly once.");
        var byId = options.ToDictionary(o => o.Id);
        for (var i = 0; i < request.Ids.Count; i++) byId[request.Ids[i]].Position = i + 1;
        await db.SaveChangesAsync(cancellationToken);
        return await OptionGroupReads.DetailsAsync(db, request.GroupId, cancellationToken);
    }

    public async Task<PriceDto> Handle(AddOptionPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var option = await FindAsync(db, request.GroupId, request.OptionId, cancellationToken);
        var row = new ProductOptionPrice { ProductOptionId = option.Id };
        var currency = await CheckPriceAsync(db, row, request, cancellationToken);
        PriceRules.Apply(row, request);
        db.ProductOptionPrices.Add(row);
        await SavePriceAsync(db, cancellationToken);
        return PriceRules.ToDto(row, currency);
    }

    public async Task<PriceDto> Handle(UpdateOptionPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var option = await FindAsync(db, request.GroupId, request.OptionId, cancellationToken);
        var row = await db.ProductOptionPrices.FirstOrDefaultAsync(p => p.Id == request.PriceId && p.ProductOptionId == option.Id, cancellationToken)
            ?? throw new NotFoundException(PriceNotFound);
        var currency = await CheckPriceAsync(db, row, request, cancellationToken);
        PriceRules.Apply(row, request);
        await SavePriceAsync(db, cancellationToken);
        return PriceRules.ToDto(row, currency);
    }

    public async Task<Unit> Handle(DeleteOptionPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var option = await FindAsync(db, request.GroupId, request.OptionId, cancellationToken);
        var row = await db.ProductOptionPrices.FirstOrDefaultAsync(p => p.Id == request.PriceId && p.ProductOptionId == option.Id, cancellationToken)
            ?? throw new NotFoundException(PriceNotFound);
        db.ProductOptionPrices.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>Precision by the currency, and one row per currency and period (a field error, not the unique index's failure).</summary>
    private static async Task<Domain.Reference.Currency> CheckPriceAsync(AppDbContext db, ProductOptionPrice row, IPriceFields input, CancellationToken cancellationToken)
    {
        var currency = await PriceRules.CheckAsync(db, input, cancellationToken);
        if (await db.ProductOptionPrices.AnyAsync(p => p.ProductOptionId == row.ProductOptionId && p.CurrencyId == input.CurrencyId
                && p.Period == input.Period && p.Id != row.Id, cancellationToken))
            throw RequestValidationException.For(nameof(IPriceFields.Period), $"This option already has a {input.Period} price in {currency.Code}.");
        return currency;
    }

    private static async Task SavePriceAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw RequestValidationException.For(nameof(IPriceFields.Period), "A price for this currency and period was just added. Reload and try again.");
        }
    }

    private static async Task ApplyAsync(AppDbContext db, ProductOption option, IOptionFields input, CancellationToken cancellationToken)
    {
        var key = CatalogKeys.Normalize(input.Key);
        if (await db.ProductOptions.AnyAsync(o => o.OptionGroupId == option.OptionGroupId && o.Key == key && o.Id != option.Id, cancellationToken))
            throw RequestValidationException.For(nameof(IOptionFields.Key), $"This group already has an option with the key {key}.");
        option.Key = key;
        option.Name = Translations.Normalize(input.Name);
    }

    private static async Task<ProductOption> FindAsync(AppDbContext db, Guid groupId, Guid optionId, CancellationToken cancellationToken) =>
        await db.ProductOptions.FirstOrDefaultAsync(o => o.Id == optionId && o.OptionGroupId == groupId, cancellationToken)
        ?? throw new NotFoundException(NotFound);
}

/// <summary>Reads shared by the option group and option handlers.</summary>
internal static class OptionGroupReads
{
    public static async Task<OptionGroupDetails> DetailsAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var group = await db.OptionGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw new NotFoundException("There is no such option group.");
        var options = await db.ProductOptions.AsNoTracking().Where(o => o.OptionGroupId == id)
            .Include(o => o.Prices).ThenInclude(p => p.Currency)
            .OrderBy(o => o.Position).ThenBy(o => o.Key)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var products = await db.ProductOptionGroupLinks.CountAsync(l => l.OptionGroupId == id, cancellationToken);
        return new OptionGroupDetails(group.Id, group.Key, group.Name, group.Description, group.Position, group.IconPath, group.BackgroundPath, products,
            options.Select(ToDto).ToList());
    }

    public static async Task<OptionDto> OptionAsync(AppDbContext db, Guid groupId, Guid optionId, CancellationToken cancellationToken)
    {
        var option = await db.ProductOptions.AsNoTracking().Where(o => o.Id == optionId && o.OptionGroupId == groupId)
            .Include(o => o.Prices).ThenInclude(p => p.Currency)
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("There is no such option in this group.");
        return ToDto(option);
    }

    private static OptionDto ToDto(ProductOption o) =>
        new(o.Id, o.OptionGroupId, o.Key, o.Name, o.Position, PriceRules.Ordered(o.Prices.Select(p => PriceRules.ToDto(p, p.Currency!))));
}
