using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Steps that several Option use cases share.</summary>
internal static class OptionRules
{
    /// <summary>Refuses deleting options that services hold (ended ones too: their history names them).</summary>
    internal static async Task EnsureNotHeldAsync(AppDbContext db, IQueryable<Guid> optionIds, string what, CancellationToken cancellationToken)
    {
        var held = await db.ServiceOptions.Where(o => optionIds.Contains(o.ProductOptionId)).Select(o => o.ServiceId).Distinct().CountAsync(cancellationToken);
        if (held > 0) throw new RuleViolationException($"{held} service(s) hold {what}: take it off them first.");
    }

    internal const string GroupNotFound = "There is no such option group.";

    internal const string NotFound = "There is no such option in this group.";

    internal const string PriceNotFound = "There is no such price of this option.";

    /// <summary>Precision by the currency, and one row per currency and period (a field error, not the unique index's failure).</summary>
    internal static async Task<Domain.Reference.Currency> CheckPriceAsync(AppDbContext db, ProductOptionPrice row, IPriceFields input, CancellationToken cancellationToken)
    {
        var currency = await PriceRules.CheckAsync(db, input, cancellationToken);
        if (await db.ProductOptionPrices.AnyAsync(p => p.ProductOptionId == row.ProductOptionId && p.CurrencyId == input.CurrencyId
                && p.Period == input.Period && p.Id != row.Id, cancellationToken))
            throw RequestValidationException.For(nameof(IPriceFields.Period), $"This option already has a {input.Period} price in {currency.Code}.");
        return currency;
    }

    internal static async Task SavePriceAsync(AppDbContext db, CancellationToken cancellationToken)
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

    internal static async Task ApplyAsync(AppDbContext db, ProductOption option, ICatalogNamedFields input, CancellationToken cancellationToken)
    {
        var key = CatalogKeys.Normalize(input.Key);
        if (await db.ProductOptions.AnyAsync(o => o.OptionGroupId == option.OptionGroupId && o.Key == key && o.Id != option.Id, cancellationToken))
            throw RequestValidationException.For(nameof(ICatalogNamedFields.Key), $"This group already has an option with the key {key}.");
        option.Key = key;
        option.Name = Translations.Normalize(input.Name);
    }

    internal static async Task<ProductOptionPrice> FindPriceAsync(AppDbContext db, Guid groupId, Guid optionId, Guid priceId, CancellationToken cancellationToken)
    {
        var option = await FindAsync(db, groupId, optionId, cancellationToken);
        return await db.ProductOptionPrices.FirstOrDefaultAsync(p => p.Id == priceId && p.ProductOptionId == option.Id, cancellationToken)
            ?? throw new NotFoundException(PriceNotFound);
    }

    internal static async Task<ProductOption> FindAsync(AppDbContext db, Guid groupId, Guid optionId, CancellationToken cancellationToken) =>
        await db.ProductOptions.FirstOrDefaultAsync(o => o.Id == optionId && o.OptionGroupId == groupId, cancellationToken)
        ?? throw new NotFoundException(NotFound);
}
