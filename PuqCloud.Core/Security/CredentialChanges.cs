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
    /// <summary>A client user's open password links are spent and their client API tokens revoked.</summary>
    public static async Task EndClientUserWaysInAsync(AppDbContext db, Guid clientUserId, DateTime now, CancellationToken cancellationToken)
    {
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
