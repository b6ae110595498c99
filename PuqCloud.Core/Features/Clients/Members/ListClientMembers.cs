using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

[RequiresPermission(Permissions.ClientsView)]
public sealed record ListClientMembers(Guid ClientId) : IQuery<IReadOnlyList<ClientMemberDto>>;

public sealed class ListClientMembersHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListClientMembers, IReadOnlyList<ClientMemberDto>>
{
    public async Task<IReadOnlyList<ClientMemberDto>> Handle(ListClientMembers request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Clients.AnyAsync(c => c.Id == request.ClientId, cancellationToken)) throw new NotFoundException("There is no such client.");
        return await ClientMemberRules.ListAsync(db, request.ClientId, null, cancellationToken);
    }
}
