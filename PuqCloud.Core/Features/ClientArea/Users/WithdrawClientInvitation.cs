using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>Withdraws an invitation of the client that was not answered yet.</summary>
[ClientMember(ClientPermissions.ManageUsers)]
[NotWhileImpersonating]
public sealed record WithdrawClientInvitation(Guid ClientId, Guid ClientUserId) : ICommand<Unit>, IClientScoped;

public sealed class WithdrawClientInvitationHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<WithdrawClientInvitation, Unit>
{
    public async Task<Unit> Handle(WithdrawClientInvitation request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ClientInvitations.Where(i => i.ClientId == request.ClientId && i.ClientUserId == request.ClientUserId).ExecuteDeleteAsync(cancellationToken) == 0)
            throw new NotFoundException("There is no such invitation: it may have been answered meanwhile.");
        return Unit.Value;
    }
}
