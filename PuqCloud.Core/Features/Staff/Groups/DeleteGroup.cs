using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>Deletes a group; its members lose the permissions it gave them.</summary>
[RequiresPermission(Permissions.GroupsDelete)]
public sealed record DeleteGroup(Guid Id) : ICommand<Unit>;

public sealed class DeleteGroupHandler(IDbContextFactory<AppDbContext> contexts, PermissionGrants grants) : IRequestHandler<DeleteGroup, Unit>
{
    public async Task<Unit> Handle(DeleteGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.AdminGroups.Include(g => g.Permissions).FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such group.");
        await grants.RequireHeldAsync(group.Permissions.Select(p => p.Permission), "Deleting this group", cancellationToken);
        // Permissions and memberships go with the group (cascade), so its members lose what it gave them.
        db.AdminGroups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
