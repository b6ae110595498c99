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
        if (input.IsDefault && !currency.IsDefault)
        {
            // Exactly one default: the old one steps down in the same transaction (and first, for the unique index).
            await db.Currencies.Where(c => c.IsDefault).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsDefault, false), cancellationToken);
        }
        currency.Code = code;
        currency.Prefix = string.IsNullOrWhiteSpace(input.Prefix) ? null : input.Prefix.Trim();
        currency.Suffix = string.IsNullOrWhiteSpace(input.Suffix) ? null : input.Suffix.Trim();
        currency.ExchangeRate = input.IsDefault ? 1m : input.ExchangeRate;
        currency.Format = input.Format;
        currency.Decimals = input.Decimals ?? ReferenceData.MinorUnitsOf(code);
        currency.IsDefault = input.IsDefault;
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
