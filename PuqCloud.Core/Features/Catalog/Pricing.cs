using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>
/// One price row as pages and the API see it, for products and for options alike. <see cref="Uninstall"/> is
/// null for options (they have no uninstall amount); <see cref="IsDerived"/> marks rows a "convert price"
/// product computes from its default-currency row.
/// </summary>
public sealed record PriceDto(Guid Id, Guid CurrencyId, string CurrencyCode, int CurrencyDecimals, PricePeriod Period,
    decimal Setup, decimal Base, decimal Idle, decimal SwitchDown, decimal SwitchUp, decimal? Uninstall, bool IsDerived);

/// <summary>The fields of a price row a person sets; requests that add or change a price row implement it.</summary>
public interface IPriceFields
{
    Guid CurrencyId { get; }
    PricePeriod Period { get; }
    decimal Setup { get; }
    decimal Base { get; }
    decimal Idle { get; }
    decimal SwitchDown { get; }
    decimal SwitchUp { get; }
    /// <summary>Null where the owner has no uninstall amount (options).</summary>
    decimal? Uninstall { get; }
}

/// <summary>Amount rules every price row follows: present, not negative, not absurd. Precision needs the currency: see <see cref="PriceRules"/>.</summary>
public abstract class PriceFieldsValidator<T> : AbstractValidator<T> where T : IPriceFields
{
    public const decimal MaxAmount = 1_000_000_000m;

    protected PriceFieldsValidator()
    {
        RuleFor(x => x.CurrencyId).NotEmpty().WithMessage("Choose a currency.");
        RuleFor(x => x.Period).IsInEnum().WithMessage("Choose a period.");
        foreach (var (name, amount) in PriceRules.Amounts)
            RuleFor(x => amount(x)).GreaterThanOrEqualTo(0).WithMessage("Amounts cannot be negative.")
                .LessThan(MaxAmount).WithMessage("The amount is too large.").OverridePropertyName(name);
    }
}

/// <summary>
/// An option's price: billing charges an option its Base (and Idle, while idle) only, so a setup or switch fee on it would be
/// asked for and never charged. Such fees belong on the product's price.
/// </summary>
public abstract class OptionPriceFieldsValidator<T> : PriceFieldsValidator<T> where T : IPriceFields
{
    public const string OnlyBaseAndIdle = "An option is charged its Base and Idle amounts only: put a setup or switch fee on the product's price.";

    protected OptionPriceFieldsValidator()
    {
        RuleFor(x => x.Setup).Equal(0m).WithMessage(OnlyBaseAndIdle);
        RuleFor(x => x.SwitchDown).Equal(0m).WithMessage(OnlyBaseAndIdle);
        RuleFor(x => x.SwitchUp).Equal(0m).WithMessage(OnlyBaseAndIdle);
    }
}

/// <summary>The rules of price rows shared by product and option prices.</summary>
public static class PriceRules
{
    /// <summary>Each amount of a price row with its field name (a missing uninstall amount counts as zero).</summary>
    public static readonly IReadOnlyList<(string Name, Func<IPriceFields, decimal> Amount)> Amounts =
    [
        (nameof(IPriceFields.Setup), p => p.Setup),
        (nameof(IPriceFields.Base), p => p.Base),
        (nameof(IPriceFields.Idle), p => p.Idle),
        (nameof(IPriceFields.SwitchDown), p => p.SwitchDown),
        (nameof(IPriceFields.SwitchUp), p => p.SwitchUp),
        (nameof(IPriceFields.Uninstall), p => p.Uninstall ?? 0m),
    ];

    /// <summary>True when <paramref name="amount"/> has no more digits after the point than <paramref name="decimals"/>.</summary>
    public static bool FitsPrecision(decimal amount, int decimals) => MoneyRounding.Fits(amount, decimals);

    /// <summary>
    /// Finds the row's currency and checks every amount against its precision; refuses with field errors.
    /// Returns the currency for the caller to use.
    /// </summary>
    public static async Task<Currency> CheckAsync(AppDbContext db, IPriceFields input, CancellationToken cancellationToken)
    {
        var currency = await db.Currencies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CurrencyId, cancellationToken)
            ?? throw RequestValidationException.For(nameof(IPriceFields.CurrencyId), "Choose a currency.");
        var errors = Amounts
            .Where(a => !FitsPrecision(a.Amount(input), currency.Decimals))
            .ToDictionary(a => a.Name, _ => new[] { PrecisionMessage(currency) });
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return currency;
    }

    public static string PrecisionMessage(Currency currency) => currency.Decimals == 0
        ? $"{currency.Code} amounts are whole numbers."
        : $"{currency.Code} amounts have at most {currency.Decimals} decimal place(s).";

    /// <summary>
    /// An amount of the default currency in another currency: multiplied by that currency's exchange rate
    /// (rates are against the default) and rounded half away from zero to its precision.
    /// </summary>
    public static decimal Convert(decimal amountInDefault, decimal exchangeRate, int decimals) =>
        MoneyRounding.MinorUnit(amountInDefault * exchangeRate, decimals);

    /// <summary>
    /// A price row keeps the currency and period it was added with: services bill by the row itself, so changing either in
    /// place would charge them in another currency than their client's, or from their anchor by another period. Another
    /// currency or period is another row (the console's price dialog already fixes both for a row being edited).
    /// </summary>
    public static void EnsureSameCurrencyAndPeriod(PriceRow row, IPriceFields input)
    {
        var errors = new Dictionary<string, string[]>();
        if (row.CurrencyId != input.CurrencyId)
            errors[nameof(IPriceFields.CurrencyId)] = ["A price keeps its currency: add a price in the other currency instead."];
        if (row.Period != input.Period)
            errors[nameof(IPriceFields.Period)] = ["A price keeps its period: add a price for the other period instead."];
        if (errors.Count > 0) throw new RequestValidationException(errors);
    }

    /// <summary>Copies the amounts of a price row from the input (uninstall only where the row has one).</summary>
    public static void Apply(PriceRow row, IPriceFields input)
    {
        row.CurrencyId = input.CurrencyId;
        row.Period = input.Period;
        row.Setup = input.Setup;
        row.Base = input.Base;
        row.Idle = input.Idle;
        row.SwitchDown = input.SwitchDown;
        row.SwitchUp = input.SwitchUp;
        if (row is ProductPrice productPrice) productPrice.Uninstall = input.Uninstall ?? 0m;
    }

    public static PriceDto ToDto(PriceRow row, Currency currency) => new(row.Id, currency.Id, currency.Code, currency.Decimals, row.Period,
        row.Setup, row.Base, row.Idle, row.SwitchDown, row.SwitchUp,
        row is ProductPrice p ? p.Uninstall : null, row is ProductPrice { IsDerived: true });

    /// <summary>Price rows in the order tables show them: currency code, then period from one-time to triennially.</summary>
    public static IReadOnlyList<PriceDto> Ordered(IEnumerable<PriceDto> rows) =>
        rows.OrderBy(r => r.CurrencyCode, StringComparer.Ordinal).ThenBy(r => r.Period).ToList();
}
