using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

[RequiresPermission(Permissions.CurrenciesEdit)]
public sealed record UpdateCurrency(Guid Id, string Code, string? Prefix, string? Suffix, decimal ExchangeRate, CurrencyFormat Format, bool IsDefault, int? Decimals = null)
    : ICommand<CurrencyDto>, ICurrencyFields;

public sealed class UpdateCurrencyValidator : CurrencyFieldsValidator<UpdateCurrency>;

public sealed class UpdateCurrencyHandler(IDbContextFactory<AppDbContext> contexts, PriceConversion conversion) : IRequestHandler<UpdateCurrency, CurrencyDto>
{
    public async Task<CurrencyDto> Handle(UpdateCurrency request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var currency = await db.Currencies.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such currency.");
        if (currency.IsDefault && !request.IsDefault)
            throw RequestValidationException.For(nameof(ICurrencyFields.IsDefault), "There must be a default currency: make another currency the default instead.");
        await CurrencyRules.ApplyAsync(db, currency, request, cancellationToken);
        await CurrencyRules.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // A new rate, precision or default currency changes every derived price.
        await conversion.RecomputeAllAsync(cancellationToken);
        return CurrencyRules.ToDto(currency, await db.Clients.CountAsync(c => c.CurrencyId == currency.Id, cancellationToken));
    }
}
