using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Reference;

/// <summary>Steps that several Currency use cases share.</summary>
internal static class CurrencyRules
{
    internal static async Task ApplyAsync(AppDbContext db, Currency currency, ICurrencyFields input, CancellationToken cancellationToken)
    {
        var code = input.Code.Trim().ToUpperInvariant();
        if (await db.Currencies.AnyAsync(c => c.Code == code && c.Id != currency.Id, cancellationToken))
            throw RequestValidationException.For(nameof(ICurrencyFields.Code), $"{code} already exists.");
        var decimals = input.Decimals ?? ReferenceData.MinorUnitsOf(code);
        // Clients and prices point at the currency's row, while ledger rows and documents keep its code and amounts at its
        // precision: renamed or re-scaled once in use, every balance and price would be read in another currency.
        if (db.Entry(currency).State == EntityState.Unchanged && (code != currency.Code || decimals != currency.Decimals)
            && await UseAsync(db, currency, cancellationToken) is { } use)
            throw RequestValidationException.For(code != currency.Code ? nameof(ICurrencyFields.Code) : nameof(ICurrencyFields.Decimals),
                $"{currency.Code} is used by {use}: its code and decimals stay as they are. Add a new currency instead.");
        if (input.IsDefault && !currency.IsDefault)
        {
            // Exactly one default: the old one steps down in the same transaction (and first, for the unique index).
            await db.Currencies.Where(c => c.IsDefault).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsDefault, false), cancellationToken);
            await RebaseRatesAsync(db, currency, input, cancellationToken);
        }
        currency.Code = code;
        currency.Prefix = string.IsNullOrWhiteSpace(input.Prefix) ? null : input.Prefix.Trim();
        currency.Suffix = string.IsNullOrWhiteSpace(input.Suffix) ? null : input.Suffix.Trim();
        currency.ExchangeRate = input.IsDefault ? 1m : input.ExchangeRate;
        currency.Format = input.Format;
        currency.Decimals = decimals;
        currency.IsDefault = input.IsDefault;
    }

    /// <summary>
    /// Rates are against the default currency: a new default's rate against the old one (k) divides every other rate, so
    /// that the old default gets 1/k and converted prices stay what they were (USD default, EUR 0.92, PLN 4.00: EUR becomes
    /// the default, USD 1.08695652, PLN 4.34782609, and $10.00 converted from €9.20 is $10.00 again). Left at their old
    /// rates they would be read against the new default, and every converted price would move by k at once.
    /// </summary>
    private static async Task RebaseRatesAsync(AppDbContext db, Currency becomingDefault, ICurrencyFields input, CancellationToken cancellationToken)
    {
        // A currency added as the default (not stored yet) brings its rate against the old default as typed.
        var k = db.Entry(becomingDefault).State is EntityState.Added or EntityState.Detached || becomingDefault.ExchangeRate <= 0m
            ? input.ExchangeRate : becomingDefault.ExchangeRate;
        if (k <= 0m || k == 1m) return;
        foreach (var other in await db.Currencies.Where(c => c.Id != becomingDefault.Id).ToListAsync(cancellationToken))
        {
            var rate = Math.Round(other.ExchangeRate / k, 8, MidpointRounding.ToEven);
            if (rate == 0m)
                throw RequestValidationException.For(nameof(ICurrencyFields.IsDefault),
                    $"Against {input.Code.Trim().ToUpperInvariant()}, {other.Code}'s rate would be below 0.00000001, which rates cannot hold: keep the default as it is.");
            other.ExchangeRate = rate;
        }
    }

    /// <summary>What uses the currency (the first kind found, counted), or null when nothing does.</summary>
    internal static async Task<string?> UseAsync(AppDbContext db, Currency currency, CancellationToken cancellationToken)
    {
        var clients = await db.Clients.CountAsync(c => c.CurrencyId == currency.Id, cancellationToken);
        if (clients > 0) return $"{clients} client(s)";
        var prices = await db.ProductPrices.CountAsync(p => p.CurrencyId == currency.Id && !p.IsDerived, cancellationToken)
            + await db.ProductOptionPrices.CountAsync(p => p.CurrencyId == currency.Id, cancellationToken);
        if (prices > 0) return $"{prices} product or option price(s)";
        if (await db.LedgerEntries.AnyAsync(e => e.CurrencyCode == currency.Code, cancellationToken)
            || await db.Documents.AnyAsync(d => d.CurrencyCode == currency.Code, cancellationToken))
            return "ledger rows and documents";
        return null;
    }

    internal static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new RuleViolationException("Another change to currencies happened at the same time. Reload and try again.");
        }
    }

    internal static CurrencyDto ToDto(Currency c, int clients) =>
        new(c.Id, c.Code, c.Prefix, c.Suffix, c.ExchangeRate, c.Format, c.IsDefault, clients, c.FormatAmount(1234.5m), c.Decimals);
}
