using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>A user manager of the client withdraws an invitation that was not answered yet.</summary>
[ClientMember(ClientPermissions.ManageUsers)]
[NotWhileImpersonating]
public sealed record WithdrawMyClientInvitation(Guid ClientId, Guid ClientUserId) : ICommand<Unit>, IClientScoped;

public sealed class WithdrawMyClientInvitationHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<WithdrawMyClientInvitation, Unit>
{
    public async Task<Unit> Handle(WithdrawMyClientInvitation request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ClientInvitationRules.WithdrawAsync(db, request.ClientId, request.ClientUserId, cancellationToken);
        return Unit.Value;
    }
}
