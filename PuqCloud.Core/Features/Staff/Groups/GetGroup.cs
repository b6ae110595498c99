using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

[RequiresPermission(Permissions.GroupsView)]
public sealed record GetGroup(Guid Id) : IQuery<GroupDetails>;

public sealed class GetGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetGroup, GroupDetails>
{
    public async Task<GroupDetails> Handle(GetGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await GroupRules.LoadDetailsAsync(db, request.Id, cancellationToken);
    }
}
