using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>One user of a client with their permissions there, as the Users tab lists them.</summary>
[RequiresPermission(Permissions.ClientsView)]
public sealed record GetClientMember(Guid ClientId, Guid UserId) : IQuery<ClientMemberDto>;

public sealed class GetClientMemberHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetClientMember, ClientMemberDto>
{
    public async Task<ClientMemberDto> Handle(GetClientMember request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await ClientMemberRules.ListAsync(db, request.ClientId, request.UserId, cancellationToken)).SingleOrDefault()
            ?? throw new NotFoundException("This user does not belong to the client.");
    }
}
