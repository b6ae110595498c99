using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// Staff correct a client's balance with a reason: a positive amount credits it, a negative one debits it. The
/// amount is in the client's currency, at most its minor unit's digits; a missing amount is a field error, never 0.
/// The client reads the row's description in the client area: it gives the reason, not the staff member, who is kept on
/// the row (<see cref="LedgerEntry.StaffAccountId"/>) and in the activity log.
/// </summary>
[RequiresPermission(Permissions.TransactionsAdjust)]
public sealed record AddClientAdjustment(Guid ClientId, decimal? Amount, string? Reason) : ICommand<TransactionDto>;

public sealed class AddClientAdjustmentValidator : AbstractValidator<AddClientAdjustment>
{
    public const decimal MaxAmount = 1_000_000_000m;

    public AddClientAdjustmentValidator()
    {
        RuleFor(x => x.Amount).NotNull().WithMessage("Enter the amount: positive credits the balance, negative debits it.")
            .NotEqual(0m).WithMessage("An adjustment of zero changes nothing.")
            .Must(a => a is null || Math.Abs(a.Value) <= MaxAmount).WithMessage("The amount is too large.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why: the reason is kept with the transaction.")
            .MaximumLength(500).WithMessage("Use at most 500 characters.");
    }
}

public sealed class AddClientAdjustmentHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, ILiveEvents live)
    : IRequestHandler<AddClientAdjustment, TransactionDto>
{
    public async Task<TransactionDto> Handle(AddClientAdjustment request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var amount = request.Amount!.Value;
        var reason = request.Reason!.Trim();
        Guid id;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The amount is read in the currency the client has once a change of it at the same moment is done.
            await ClientQueue.JoinAsync(db, request.ClientId, cancellationToken);
            var digits = await db.Clients.Where(c => c.Id == request.ClientId).Select(c => (int?)c.Currency!.Decimals).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The client does not exist.");
            if (!MoneyRounding.Fits(amount, digits))
                throw RequestValidationException.For(nameof(AddClientAdjustment.Amount), digits == 0
                    ? "The client's currency has no decimals: use a whole amount."
                    : $"The client's currency has {digits} decimal place(s): use at most that many.");
            var actor = actors.Current;
            var rows = await Ledger.PostAsync(db, request.ClientId,
                new LedgerPosting(LedgerEntryType.Adjustment, amount, $"Adjustment: {reason}")
                    { StaffAccountId = actor.StaffId, Reason = reason }, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            id = rows[0].Id;
        }
        await live.PublishAsync(new LiveEvent(ServiceTopics.Services, request.ClientId.ToString(), now), cancellationToken);
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        return (await TransactionRules.ReadAsync(read, read.LedgerEntries.Where(e => e.Id == id), cancellationToken))[0];
    }
}
