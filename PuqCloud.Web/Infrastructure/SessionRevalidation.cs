using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// An open circuit's sign-in is checked again every <see cref="Interval"/>, as each HTTP request's is
/// (<see cref="SessionCookies.ValidateAsync"/>): a disabled account, a password changed or reset elsewhere (a new security
/// stamp), a staff member's address no longer allowed, or its sign-in signed out elsewhere (no longer on the server) ends it,
/// and the page falls back to the sign-in screen. Without
/// this, a tab opened before "Other sessions were signed out" went on working until its connection dropped.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, WebActorSource actors, TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var user = authenticationState.User;
        return await StillSignedInAsync(user, scope.ServiceProvider.GetRequiredService<ISignInSessions>(), cancellationToken)
            && await StillValidAsync(user, scope.ServiceProvider.GetRequiredService<IAccountAccess>(), actors.CircuitIp, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Whether the server still holds each sign-in of the circuit's user: one signed out in another tab is gone.</summary>
    public static async Task<bool> StillSignedInAsync(ClaimsPrincipal user, ISignInSessions sessions, CancellationToken cancellationToken)
    {
        foreach (var id in user.Identities.Select(i => i.FindFirst(PuqClaims.SessionId)?.Value))
        {
            if (Guid.TryParse(id, out var sessionId) && !await sessions.IsOpenAsync(sessionId, cancellationToken)) return false;
        }
        return true;
    }

    /// <summary>
    /// Whether every identity of the circuit's user (staff, client user, or both at once) is still signed in, and a
    /// session a staff member opened as the client may still go on (<see cref="StaffSignedInAsClient"/>).
    /// </summary>
    public static async Task<bool> StillValidAsync(ClaimsPrincipal user, IAccountAccess access, string? ip, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var identity in user.Identities.Where(i => i.IsAuthenticated))
        {
            var stamp = identity.FindFirst(PuqClaims.SecurityStamp)?.Value;
            if (Guid.TryParse(identity.FindFirst(PuqClaims.StaffId)?.Value, out var staffId)
                && !await access.IsStaffSessionValidAsync(staffId, stamp, ip, cancellationToken))
                return false;
            if (Guid.TryParse(identity.FindFirst(PuqClaims.ClientUserId)?.Value, out var clientUserId)
                && (!await access.IsClientSessionValidAsync(clientUserId, stamp, cancellationToken)
                    || !await StaffSignedInAsClient.MayGoOnAsync(identity, StaffSignedInAsClient.ConsoleStaffId(user), access, ip, now, cancellationToken)))
                return false;
        }
        return true;
    }
}
