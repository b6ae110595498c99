using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// The client's ledger rows, newest first (the client's Transactions tab for staff, through the same <see cref="TransactionRules.PageAsync"/>),
/// without <see cref="TransactionDto.Reason"/>: the reason staff give for a refund is theirs (the description tells the client
/// what happened, and an adjustment's description carries its reason on purpose).
/// </summary>
[ClientMember(ClientPermissions.ViewTransactions)]
public sealed record ListMyTransactions(Guid ClientId, PageRequest Page) : IQuery<PagedResult<TransactionDto>>, IClientScoped;

public sealed class ListMyTransactionsValidator : AbstractValidator<ListMyTransactions>
{
    public ListMyTransactionsValidator() => RuleFor(x => x.Page.Sort).TransactionSort();
}

public sealed class ListMyTransactionsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListMyTransactions, PagedResult<TransactionDto>>
{
    public async Task<PagedResult<TransactionDto>> Handle(ListMyTransactions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var page = await TransactionRules.PageAsync(db, request.Page, request.ClientId, null, null, cancellationToken);
        return page with { Items = page.Items.Select(t => t with { Reason = null }).ToList() };
    }
}
