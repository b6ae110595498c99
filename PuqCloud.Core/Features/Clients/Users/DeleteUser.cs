using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>Deletes a user, unless they are the owner of a client (make someone else the owner first).</summary>
[RequiresPermission(Permissions.UsersDelete)]
public sealed record DeleteUser(Guid Id) : ICommand<Unit>;

public sealed class DeleteUserHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<DeleteUser, Unit>
{
    public async Task<Unit> Handle(DeleteUser request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await UserRules.FindAsync(db, request.Id, cancellationToken);
        // The memberships are read once, checked as read and deleted only as read (IsOwner is their concurrency token): one
        // that becomes an owner after this read refuses the delete instead of leaving a client with no owner (the database's
        // cascade would not look).
        var memberships = await db.ClientMemberships.Include(m => m.Client).Where(m => m.ClientUserId == user.Id).ToListAsync(cancellationToken);
        var owned = memberships.Where(m => m.IsOwner).Select(m => m.Client!.DisplayName).ToList();
        if (owned.Count > 0)
            throw new RuleViolationException($"{user.FullName} is the owner of {string.Join(", ", owned)}. Make another user the owner first.");
        db.ClientMemberships.RemoveRange(memberships);
        // The invitations the login sent go with it (those sent to it go by the database's cascade).
        db.ClientInvitations.RemoveRange(await db.ClientInvitations.Where(i => i.InvitedByUserId == user.Id).ToListAsync(cancellationToken));
        db.ClientUsers.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
