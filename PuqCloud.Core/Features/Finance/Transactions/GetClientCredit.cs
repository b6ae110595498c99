using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>A client's balance, credit limit and what charges may still take.</summary>
[RequiresPermission(Permissions.TransactionsView)]
public sealed record GetClientCredit(Guid ClientId) : IQuery<ClientCredit>;

public sealed class GetClientCreditHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetClientCredit, ClientCredit>
{
    public async Task<ClientCredit> Handle(GetClientCredit request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Include(c => c.Currency).FirstOrDefaultAsync(c => c.Id == request.ClientId, cancellationToken)
            ?? throw new NotFoundException("The client does not exist.");
        return ClientCreditRules.ToDto(client);
    }
}
