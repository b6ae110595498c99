using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

[RequiresPermission(Security.Permissions.ClientsEdit)]
public sealed record UpdateClientMember(Guid ClientId, Guid UserId, IReadOnlyList<string> Permissions) : ICommand<ClientMemberDto>;

public sealed class UpdateClientMemberHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<UpdateClientMember, ClientMemberDto>
{
    public async Task<ClientMemberDto> Handle(UpdateClientMember request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ClientRules.SetPermissionsAsync(db, request.ClientId, request.UserId, request.Permissions, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (await ClientMemberRules.ListAsync(db, request.ClientId, request.UserId, cancellationToken)).Single();
    }
}
