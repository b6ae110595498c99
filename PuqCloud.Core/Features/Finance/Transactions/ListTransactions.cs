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
        RuleFor(x => x.Page.Sort).Must(s => string.IsNullOrWhiteSpace(s) || s is "createdAt" or "-createdAt")
            .WithName("Sort").WithMessage("Sort by createdAt (a '-' before it sorts newest first, the default).");
}

public sealed class ListTransactionsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListTransactions, PagedResult<TransactionDto>>
{
    public async Task<PagedResult<TransactionDto>> Handle(ListTransactions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.LedgerEntries.AsNoTracking();
        long? chainLength = null;
        if (request.ClientId is { } clientId)
        {
            chainLength = await db.Clients.Where(c => c.Id == clientId).Select(c => (long?)c.LedgerSequence).FirstOrDefaultAsync(cancellationToken)
                          ?? throw new NotFoundException("The client does not exist.");
            query = query.Where(e => e.ClientId == clientId);
        }
        if (request.ServiceId is { } serviceId) query = query.Where(e => e.ServiceId == serviceId);
        if (request.Type is { } type) query = query.Where(e => e.Type == type);
        if (request.Page.SearchText is { } search)
        {
            var p = PagingExtensions.LikePattern(search);
            query = query.Where(e => EF.Functions.Like(e.Description.ToLower(), p, "\\"));
        }
        // Unfiltered, the number of rows is known without counting them: each client's rows are numbered 1, 2, 3… with no
        // gap (a unique (client, sequence) key, the sequence moved with the rows, reconciliation checks it), so a client
        // has as many rows as its last sequence and the ledger the sum of them. COUNT(*) over a million rows took longer
        // than the page itself on PostgreSQL.
        var oldestFirst = request.Page.Sort == "createdAt";
        // One client's rows follow its ledger's sequence (index ClientId, Sequence); all rows their time (index CreatedAt, Id).
        var ordered = request.ClientId is not null
            ? (oldestFirst ? query.OrderBy(e => e.Sequence) : query.OrderByDescending(e => e.Sequence))
            : (oldestFirst ? query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id) : query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id));
        var total = request.ServiceId is null && request.Type is null && request.Page.SearchText is null
            ? (int)Math.Min(int.MaxValue, chainLength ?? await db.Clients.SumAsync(c => c.LedgerSequence, cancellationToken))
            : await query.CountAsync(cancellationToken);
        var items = await TransactionRules.ReadAsync(db,
            ordered.Skip((request.Page.SafePage - 1) * request.Page.SafePageSize).Take(request.Page.SafePageSize), cancellationToken);
        return new PagedResult<TransactionDto>(items, total, request.Page.SafePage, request.Page.SafePageSize);
    }
}
