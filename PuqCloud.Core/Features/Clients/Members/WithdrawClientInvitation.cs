using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>Staff withdraw an invitation of the client that was not answered yet (sent to a wrong address, say).</summary>
[RequiresPermission(Permissions.ClientsEdit)]
public sealed record WithdrawClientInvitation(Guid ClientId, Guid ClientUserId) : ICommand<Unit>;

public sealed class WithdrawClientInvitationHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<WithdrawClientInvitation, Unit>
{
    public async Task<Unit> Handle(WithdrawClientInvitation request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ClientInvitationRules.WithdrawAsync(db, request.ClientId, request.ClientUserId, cancellationToken);
        return Unit.Value;
    }
}
