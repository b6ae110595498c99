using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Platform;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Security;

/// <summary>
/// The server's side of the sign-in cookies (<see cref="SignInSession"/>): the web host keeps each sign-in here and its
/// cookie names only the row, so signing out ends the sign-in everywhere the cookie was copied to, and an open console
/// tab learns of it at its next check. A cookie past its expiry is refused (and its row removed by the cookie handler);
/// an open tab, which makes no HTTP requests to slide it, goes on while the row exists. Rows a day past their expiry are
/// swept away at the next sign-in.
/// </summary>
public interface ISignInSessions
{
    Task StoreAsync(Guid id, string scheme, Guid accountId, byte[] ticket, DateTime? expiresAt, CancellationToken cancellationToken = default);
    /// <summary>Keeps a sliding sign-in going with its renewed ticket; false when it ended meanwhile (signed out elsewhere).</summary>
    Task<bool> RenewAsync(Guid id, byte[] ticket, DateTime? expiresAt, CancellationToken cancellationToken = default);
    /// <summary>The sign-in's ticket, or null when it ended (signed out, expired, never was).</summary>
    Task<byte[]?> RetrieveAsync(Guid id, CancellationToken cancellationToken = default);
    /// <summary>Whether the sign-in is still held (not signed out): what an open tab's minute check asks.</summary>
    Task<bool> IsOpenAsync(Guid id, CancellationToken cancellationToken = default);
    Task RemoveAsync(Guid id, CancellationToken cancellationToken = default);
}

public sealed class SignInSessions(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : ISignInSessions
{
    /// <summary>How long past its expiry a row is kept for the open tabs of its sign-in.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    public async Task StoreAsync(Guid id, string scheme, Guid accountId, byte[] ticket, DateTime? expiresAt, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stale = now - StaleAfter;
        await db.SignInSessions.Where(s => s.ExpiresAt < stale).ExecuteDeleteAsync(cancellationToken);
        db.SignInSessions.Add(new SignInSession { Id = id, Scheme = scheme, AccountId = accountId, Ticket = ticket, CreatedAt = now, ExpiresAt = expiresAt });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RenewAsync(Guid id, byte[] ticket, DateTime? expiresAt, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SignInSessions.Where(s => s.Id == id && (s.ExpiresAt == null || s.ExpiresAt > now))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, ticket).SetProperty(s => s.ExpiresAt, expiresAt), cancellationToken) == 1;
    }

    public async Task<byte[]?> RetrieveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SignInSessions.Where(s => s.Id == id && (s.ExpiresAt == null || s.ExpiresAt > now)).Select(s => s.Ticket).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> IsOpenAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SignInSessions.AnyAsync(s => s.Id == id, cancellationToken);
    }

    public async Task RemoveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.SignInSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }
}
