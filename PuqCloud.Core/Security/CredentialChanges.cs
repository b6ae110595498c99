using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Security;

/// <summary>
/// What new credentials end besides the sessions (which the new security stamp ends): the ways in made before them. A
/// password link still in a mailbox, or an API token made from a session someone else held, must not outlive the change
/// by which the account was taken back. Called in the transaction that saves the new credentials.
/// </summary>
public static class CredentialChanges
{
    /// <summary>
    /// Takes the client user's row lock for the transaction. Whoever writes a user's password links takes it first (asking
    /// for a link, using one, ending them with new credentials), so that they queue in one order: taken after the links,
    /// a request for a new link and a password change waited on each other (a deadlock on SQL Server), and on PostgreSQL a
    /// link issued at that moment outlived the change.
    /// </summary>
    public static Task LockClientUserAsync(AppDbContext db, Guid clientUserId, CancellationToken cancellationToken) =>
        db.ClientUsers.Where(u => u.Id == clientUserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, u => u.Email), cancellationToken);

    /// <summary>A client user's open password links are spent and their client API tokens revoked (the user's row locked first).</summary>
    public static async Task EndClientUserWaysInAsync(AppDbContext db, Guid clientUserId, DateTime now, CancellationToken cancellationToken)
    {
        await LockClientUserAsync(db, clientUserId, cancellationToken);
        await db.PasswordResetTokens.Where(t => t.ClientUserId == clientUserId && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        await db.ClientApiTokens.Where(t => t.ClientUserId == clientUserId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    /// <summary>A staff member's personal API tokens are revoked.</summary>
    public static Task EndStaffWaysInAsync(AppDbContext db, Guid staffAccountId, DateTime now, CancellationToken cancellationToken) =>
        db.ApiTokens.Where(t => t.StaffAccountId == staffAccountId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
}
