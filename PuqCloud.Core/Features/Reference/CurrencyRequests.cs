using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

public sealed record CurrencyDto(Guid Id, string Code, string? Prefix, string? Suffix, decimal ExchangeRate, CurrencyFormat Format, bool IsDefault, int ClientCount, string Example, int Decimals);

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

[RequiresPermission(Permissions.CurrenciesView)]
public sealed record ListCurrencies(PageRequest Page) : IQuery<PagedResult<CurrencyDto>>;

[RequiresPermission(Permissions.CurrenciesView)]
public sealed record GetCurrency(Guid Id) : IQuery<CurrencyDto>;

[RequiresPermission(Permissions.CurrenciesCreate)]
public sealed record CreateCurrency(string Code, string? Prefix, string? Suffix, decimal ExchangeRate, CurrencyFormat Format, bool IsDefault, int? Decimals = null)
    : ICommand<CurrencyDto>, ICurrencyFields;

[RequiresPermission(Permissions.CurrenciesEdit)]
public sealed record UpdateCurrency(Guid Id, string Code, string? Prefix, string? Suffix, decimal ExchangeRate, CurrencyFormat Format, bool IsDefault, int? Decimals = null)
    : ICommand<CurrencyDto>, ICurrencyFields;

/// <summary>Deletes a currency that no client uses and that is not the default.</summary>
[RequiresPermission(Permissions.CurrenciesDelete)]
public sealed record DeleteCurrency(Guid Id) : ICommand<Unit>;

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

public sealed class CreateCurrencyValidator : CurrencyFieldsValidator<CreateCurrency>;

public sealed class UpdateCurrencyValidator : CurrencyFieldsValidator<UpdateCurrency>;

public sealed class CurrencyHandlers(IDbContextFactory<AppDbContext> contexts, PriceConversion conversion) :
    IRequestHandler<ListCurrencies, PagedResult<CurrencyDto>>,
    IRequestHandler<GetCurrency, CurrencyDto>,
    IRequestHandler<CreateCurrency, CurrencyDto>,
    IRequestHandler<UpdateCurrency, CurrencyDto>,
    IRequestHandler<DeleteCurrency, Unit>
{
    private static readonly SortMap<Currency> Sorts = new SortMap<Currency>("code")
        .Add("code", c => c.Code)
        .Add("exchangeRate", c => c.ExchangeRate)
        .Add("isDefault", c => c.IsDefault);

    public async Task<PagedResult<CurrencyDto>> Handle(ListCurrencies request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Currencies.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            query = query.Where(c => EF.Functions.Like(c.Code.ToLower(), pattern, "\\") || EF.Functions.Like((c.Prefix ?? "").ToLower(), pattern, "\\") || EF.Functions.Like((c.Suffix ?? "").ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, c => new { Currency = c, Clients = db.Clients.Count(x => x.CurrencyId == c.Id) }, cancellationToken);
        return new PagedResult<CurrencyDto>(page.Items.Select(i => ToDto(i.Currency, i.Clients)).ToList(), page.Total, page.Page, page.PageSize);
    }

    public async Task<CurrencyDto> Handle(GetCurrency request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var currency = await db.Currencies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such currency.");
        return ToDto(currency, await db.Clients.CountAsync(c => c.CurrencyId == currency.Id, cancellationToken));
    }

    public async Task<CurrencyDto> Handle(CreateCurrency request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var currency = new Currency();
        await ApplyAsync(db, currency, request, cancellationToken);
        db.Currencies.Add(currency);
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // A new currency gets the converted prices of "convert price" products.
        await conversion.RecomputeAllAsync(cancellationToken);
        return ToDto(currency, 0);
    }

    public async Task<CurrencyDto> Handle(UpdateCurrency request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var currency = await db.Currencies.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such currency.");
        if (currency.IsDefault && !request.IsDefault)
            throw RequestValidationException.For(nameof(ICurrencyFields.IsDefault), "There must be a default currency: make another currency the default instead.");
        await ApplyAsync(db, currency, request, cancellationToken);
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // A new rate, precision or default currency changes every derived price.
        await conversion.RecomputeAllAsync(cancellationToken);
        return ToDto(currency, await db.Clients.CountAsync(c => c.CurrencyId == currency.Id, cancellationToken));
    }

    public async Task<Unit> Handle(DeleteCurrency request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var currency = await db.Currencies.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such currency.");
        if (currency.IsDefault) throw new RuleViolationException("The default currency cannot be deleted: make another currency the default first.");
        var clients = await db.Clients.CountAsync(c => c.CurrencyId == currency.Id, cancellationToken);
        if (clients > 0) throw new RuleViolationException($"{currency.Code} is used by {clients} client(s) and cannot be deleted.");
        var prices = await db.ProductPrices.CountAsync(p => p.CurrencyId == currency.Id && !p.IsDerived, cancellationToken)
            + await db.ProductOptionPrices.CountAsync(p => p.CurrencyId == currency.Id, cancellationToken);
        if (prices > 0) throw new RuleViolationException($"{currency.Code} is used by {prices} product or option price(s) and cannot be deleted.");
        // Derived prices go with the currency they were derived for, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ProductPrices.Where(p => p.CurrencyId == currency.Id).ExecuteDeleteAsync(cancellationToken);
        db.Currencies.Remove(currency);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    private static async Task ApplyAsync(AppDbContext db, Currency currency, ICurrencyFields input, CancellationToken cancellationToken)
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

    private static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
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

    private static CurrencyDto ToDto(Currency c, int clients) =>
        new(c.Id, c.Code, c.Prefix, c.Suffix, c.ExchangeRate, c.Format, c.IsDefault, clients, c.FormatAmount(1234.5m), c.Decimals);
}
