using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>A client's balance, how far below zero charges may take it, and what charges may still take.</summary>
public sealed record ClientCredit(Guid ClientId, string CurrencyCode, decimal Balance, decimal CreditLimit, decimal Available,
    string BalanceText, string CreditLimitText, string AvailableText);

/// <summary>
/// Sets how far below zero charges may take a client's balance (0: not at all). Billing, the start of a pending service
/// and unsuspension all count balance + credit limit. The limit is in the client's currency, at its minor unit; a missing
/// limit is a field error, never 0. The balance itself is not touched (only the ledger moves it).
/// </summary>
[RequiresPermission(Permissions.TransactionsAdjust)]
public sealed record SetClientCreditLimit(Guid ClientId, decimal? CreditLimit) : ICommand<ClientCredit>;

public sealed class SetClientCreditLimitValidator : AbstractValidator<SetClientCreditLimit>
{
    public SetClientCreditLimitValidator() =>
        RuleFor(x => x.CreditLimit).NotNull().WithMessage("Enter the credit limit: 0 lets no charge take the balance below zero.")
            .GreaterThanOrEqualTo(0m).WithMessage("The credit limit cannot be negative.")
            .LessThanOrEqualTo(AddClientAdjustmentValidator.MaxAmount).WithMessage("The credit limit is too large.");
}

public sealed class SetClientCreditLimitHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ILiveEvents live)
    : IRequestHandler<SetClientCreditLimit, ClientCredit>
{
    public async Task<ClientCredit> Handle(SetClientCreditLimit request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.Include(c => c.Currency).FirstOrDefaultAsync(c => c.Id == request.ClientId, cancellationToken)
            ?? throw new NotFoundException("The client does not exist.");
        var limit = request.CreditLimit!.Value;
        if (!MoneyRounding.Fits(limit, client.Currency!.Decimals))
            throw RequestValidationException.For(nameof(SetClientCreditLimit.CreditLimit), $"The client's currency has {client.Currency.Decimals} decimal place(s): use at most that many.");
        client.CreditLimit = limit;
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(ServiceTopics.Services, client.Id.ToString(), clock.UtcNow), cancellationToken);
        return ClientCreditRules.ToDto(client);
    }
}
