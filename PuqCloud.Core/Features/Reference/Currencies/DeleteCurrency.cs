using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

/// <summary>Deletes a currency that no client uses and that is not the default.</summary>
[RequiresPermission(Permissions.CurrenciesDelete)]
public sealed record DeleteCurrency(Guid Id) : ICommand<Unit>;

public sealed class DeleteCurrencyHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<DeleteCurrency, Unit>
{
    public async Task<Unit> Handle(DeleteCurrency request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var currency = await db.Currencies.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such currency.");
        if (currency.IsDefault) throw new RuleViolationException("The default currency cannot be deleted: make another currency the default first.");
        if (await CurrencyRules.UseAsync(db, currency, cancellationToken) is { } use)
            throw new RuleViolationException($"{currency.Code} is used by {use} and cannot be deleted.");
        // Derived prices go with the currency they were derived for, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ProductPrices.Where(p => p.CurrencyId == currency.Id).ExecuteDeleteAsync(cancellationToken);
        db.Currencies.Remove(currency);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
