using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>Who the staff member will be in the client area, and for which client.</summary>
public sealed record ClientImpersonation(Guid ClientId, string ClientName, SignInResult Owner);

/// <summary>
/// "Sign in as client": a staff member with the permission opens the client area as the client's owner.
/// The command is audited like every command, so the act is in the activity log with the staff member's name.
/// </summary>
[RequiresPermission(Permissions.ClientsSignInAs)]
public sealed record SignInAsClient(Guid ClientId) : ICommand<ClientImpersonation>;

public sealed class SignInAsClientHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<SignInAsClient, ClientImpersonation>
{
    public async Task<ClientImpersonation> Handle(SignInAsClient request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owner = await db.ClientMemberships.AsNoTracking()
            .Where(m => m.ClientId == request.ClientId && m.IsOwner)
            .Select(m => new { m.Client!.CompanyName, ClientFirst = m.Client.FirstName, ClientLast = m.Client.LastName, m.ClientUser!.Id, m.ClientUser.Email, m.ClientUser.FirstName, m.ClientUser.LastName, m.ClientUser.SecurityStamp, m.ClientUser.Status })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("There is no such client.");
        if (owner.Status != AccountStatus.Active) throw new RuleViolationException("The client's owner account is disabled, so the client area cannot be opened as them.");
        var clientName = Client.NameOf(owner.ClientFirst, owner.ClientLast, owner.CompanyName);
        return new ClientImpersonation(request.ClientId, clientName,
            new SignInResult(SignInOutcome.Succeeded, owner.Id, owner.Email, $"{owner.FirstName} {owner.LastName}".Trim(), owner.SecurityStamp));
    }
}
