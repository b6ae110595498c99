using System.Globalization;

namespace PuqCloud.Core.Domain.Finance;

/// <summary>
/// The one rounding policy of the product (ARCHITECTURE.md, "Money and billing rules"). Every rounding of
/// money goes through here; always half away from zero (0.00005 → 0.0001, −0.00005 → −0.0001).
/// <list type="bullet">
/// <item>Unit rates (an hour's share of a monthly price) keep <see cref="RateDecimals"/> digits.</item>
/// <item>Ledger amounts and balances keep <see cref="LedgerDecimals"/> digits.</item>
/// <item>Prices as entered and document lines (each tax line) are rounded to the currency's minor unit
/// (ISO 4217: 2 for EUR, 0 for JPY, 3 for KWD).</item>
/// </list>
/// A metered charge is rate × hours with the rate already rounded, so a period's hourly charges add up to the
/// period's price within hours × 0.00005 (at most 0.0372 for a 744-hour month).
/// </summary>
public static class MoneyRounding
{
    public const int RateDecimals = 4;
    public const int LedgerDecimals = 4;

    public static decimal Rate(decimal amount) => decimal.Round(amount, RateDecimals, MidpointRounding.AwayFromZero);

    public static decimal Ledger(decimal amount) => decimal.Round(amount, LedgerDecimals, MidpointRounding.AwayFromZero);

    /// <summary>An amount at the currency's minor unit, as documents and entered prices carry it.</summary>
    public static decimal MinorUnit(decimal amount, int minorUnitDigits) => decimal.Round(amount, minorUnitDigits, MidpointRounding.AwayFromZero);

    /// <summary>True when the amount has no more digits after the point than <paramref name="digits"/>.</summary>
    public static bool Fits(decimal amount, int digits) => decimal.Round(amount, digits) == amount;
}

/// <summary>An amount in a currency (ISO code). Arithmetic refuses to mix currencies.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public bool IsZero => Amount == 0m;
    public bool IsNegative => Amount < 0m;

    public Money ToLedger() => this with { Amount = MoneyRounding.Ledger(Amount) };

    public Money ToMinorUnit(int minorUnitDigits) => this with { Amount = MoneyRounding.MinorUnit(Amount, minorUnitDigits) };

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount, SameCurrency(a, b));
    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount, SameCurrency(a, b));
    public static Money operator -(Money a) => a with { Amount = -a.Amount };
    public static Money operator *(Money a, decimal factor) => a with { Amount = a.Amount * factor };

    private static string SameCurrency(Money a, Money b) => string.Equals(a.Currency, b.Currency, StringComparison.Ordinal)
        ? a.Currency
        : throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency} amounts.");

    /// <summary>"12.3400 EUR": invariant digits, for logs and ledger descriptions (pages format with the currency's own style).</summary>
    public override string ToString() => $"{Amount.ToString("0.0000", CultureInfo.InvariantCulture)} {Currency}";
}
