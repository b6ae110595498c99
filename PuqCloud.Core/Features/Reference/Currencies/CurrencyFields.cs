using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Reference;

/// <summary>The fields a person sets on a currency (create and update share them and their rules).</summary>
public interface ICurrencyFields
{
    string Code { get; }
    string? Prefix { get; }
    string? Suffix { get; }
    decimal ExchangeRate { get; }
    CurrencyFormat Format { get; }
    bool IsDefault { get; }
    /// <summary>Digits after the decimal point; null takes the ISO 4217 minor unit of the code.</summary>
    int? Decimals { get; }
}

public abstract class CurrencyFieldsValidator<T> : AbstractValidator<T> where T : ICurrencyFields
{
    protected CurrencyFieldsValidator()
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the ISO 4217 code, for example EUR.")
            .Must(code => code is not null && ReferenceData.IsoCurrencies.ContainsKey(code.Trim().ToUpperInvariant()))
            .WithMessage("Use an ISO 4217 currency code, for example USD, EUR or PLN.");
        RuleFor(x => x.Prefix).MaximumLength(10);
        RuleFor(x => x.Suffix).MaximumLength(10);
        RuleFor(x => x.ExchangeRate).GreaterThan(0).WithMessage("The exchange rate must be above zero.")
            .LessThan(1_000_000_000m).WithMessage("The exchange rate is too large.")
            .Must(rate => decimal.Round(rate, 8) == rate).WithMessage("Use at most 8 decimal places.");
        RuleFor(x => x.Format).IsInEnum();
        RuleFor(x => x.Decimals).InclusiveBetween(0, 4).WithMessage("Use 0 to 4 decimal places.");
    }
}
