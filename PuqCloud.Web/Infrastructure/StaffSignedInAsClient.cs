using System.Globalization;
using System.Security.Claims;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// A client-area session a staff member opened with "Sign in as client" stays bound to them: it ends with their console
/// session (signed out, disabled, password changed, address no longer allowed), when they lose the permission, and an
/// hour after it began, busy or not. Checked on every HTTP request (<see cref="SessionCookies.ValidateAsync"/>) and every
/// minute of an open circuit (<see cref="SessionRevalidation"/>).
/// </summary>
public static class StaffSignedInAsClient
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The claims that mark the owner's session as opened by <paramref name="staff"/> for <paramref name="clientId"/>.</summary>
    public static Claim[] Claims(ClaimsIdentity staff, Guid clientId, DateTimeOffset ends) =>
    [
        new(PuqClaims.ImpersonatorName, staff.FindFirst(PuqClaims.Name)?.Value ?? "staff"),
        new(PuqClaims.ImpersonatorId, staff.FindFirst(PuqClaims.StaffId)!.Value),
        new(PuqClaims.ImpersonatorStamp, staff.FindFirst(PuqClaims.SecurityStamp)?.Value ?? ""),
        new(PuqClaims.ImpersonatedClientId, clientId.ToString()),
        new(PuqClaims.ImpersonationEnds, ends.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ];

    public static bool IsOne(ClaimsIdentity identity) => identity.HasClaim(c => c.Type == PuqClaims.ImpersonatorName);

    /// <summary>The staff member who opened the principal's client session, or null for the client's own.</summary>
    public static string? StaffName(ClaimsPrincipal user) => user.FindFirst(PuqClaims.ImpersonatorName)?.Value;

    /// <summary>
    /// Whether the session <paramref name="client"/> may go on, given the staff member signed in to the console in the same
    /// browser (<paramref name="consoleStaffId"/>, null when nobody is). A client's own session always may.
    /// </summary>
    public static async Task<bool> MayGoOnAsync(ClaimsIdentity client, Guid? consoleStaffId, IAccountAccess access, string? ip, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!IsOne(client)) return true;
        if (!Guid.TryParse(client.FindFirst(PuqClaims.ImpersonatorId)?.Value, out var staffId) || staffId != consoleStaffId) return false;
        if (!long.TryParse(client.FindFirst(PuqClaims.ImpersonationEnds)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ends)
            || now.ToUnixTimeSeconds() >= ends)
            return false;
        return await access.MayStillSignInAsClientAsync(staffId, client.FindFirst(PuqClaims.ImpersonatorStamp)?.Value, ip, cancellationToken);
    }

    /// <summary>The staff member of a principal's console identity, if it has one.</summary>
    public static Guid? ConsoleStaffId(ClaimsPrincipal? principal) =>
        principal?.Identities.Select(i => i.FindFirst(PuqClaims.StaffId)?.Value).FirstOrDefault(v => v is not null) is { } id && Guid.TryParse(id, out var staffId)
            ? staffId : null;
}
