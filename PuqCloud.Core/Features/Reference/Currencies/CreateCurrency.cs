using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

[RequiresPermission(Permissions.CurrenciesCreate)]
public sealed record CreateCurrency(string Code, string? Prefix, string? Suffix, decimal ExchangeRate, CurrencyFormat Format, bool IsDefault, int? Decimals = null)
    : ICommand<CurrencyDto>, ICurrencyFields;

public sealed class CreateCurrencyValidator : CurrencyFieldsValidator<CreateCurrency>;

public sealed class CreateCurrencyHandler(IDbContextFactory<AppDbContext> contexts, PriceConversion conversion) : IRequestHandler<CreateCurrency, CurrencyDto>
{
    public async Task<CurrencyDto> Handle(CreateCurrency request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var currency = new Currency();
        await CurrencyRules.ApplyAsync(db, currency, request, cancellationToken);
        db.Currencies.Add(currency);
        await CurrencyRules.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // A new currency gets the converted prices of "convert price" products.
        await conversion.RecomputeAllAsync(cancellationToken);
        return CurrencyRules.ToDto(currency, 0);
    }
}
