using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Catalog;

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
