using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// Finance → Transactions, newest first (or oldest first with sort "createdAt"); with <see cref="ClientId"/> a client's
/// Transactions tab, in the order of its ledger; with <see cref="ServiceId"/> a service's charges. Search looks in descriptions.
/// </summary>
[RequiresPermission(Permissions.TransactionsView)]
public sealed record ListTransactions(PageRequest Page, Guid? ClientId = null, Guid? ServiceId = null, LedgerEntryType? Type = null) : IQuery<PagedResult<TransactionDto>>;

public sealed class ListTransactionsValidator : AbstractValidator<ListTransactions>
{
    public ListTransactionsValidator() =>
        RuleFor(x => x.Page.Sort).TransactionSort();
}

public sealed class ListTransactionsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListTransactions, PagedResult<TransactionDto>>
{
    public async Task<PagedResult<TransactionDto>> Handle(ListTransactions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await TransactionRules.PageAsync(db, request.Page, request.ClientId, request.ServiceId, request.Type, cancellationToken);
    }
}
