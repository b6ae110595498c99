using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Infrastructure;

/// <summary>Issues and checks the sign-in cookies of both areas.</summary>
public static class SessionCookies
{
    public static Task SignInStaffAsync(HttpContext context, SignInResult result) =>
        SignInAsync(context, AuthSchemes.Staff, PuqClaims.StaffId, result);

    public static Task SignInClientAsync(HttpContext context, SignInResult result) =>
        SignInAsync(context, AuthSchemes.Client, PuqClaims.ClientUserId, result);

    /// <summary>
    /// A client-area session opened by a staff member as the client's owner: bound to the staff member (see
    /// <see cref="StaffSignedInAsClient"/>), ending after its lifetime however busy; the claims let the layout show a banner.
    /// </summary>
    public static Task SignInClientAsStaffAsync(HttpContext context, SignInResult owner, ClaimsIdentity staff, Guid clientId, DateTimeOffset now)
    {
        var ends = now + StaffSignedInAsClient.Lifetime;
        return SignInAsync(context, AuthSchemes.Client, PuqClaims.ClientUserId, owner,
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = ends, AllowRefresh = false },
            StaffSignedInAsClient.Claims(staff, clientId, ends));
    }

    /// <summary>Remembers, for a few minutes, whose password was accepted while the second factor is awaited.</summary>
    public static Task BeginTwoFactorAsync(HttpContext context, string scheme, Guid accountId) =>
        context.SignInAsync(scheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, accountId.ToString())], scheme)));

    public static async Task<Guid?> PendingTwoFactorAsync(HttpContext context, string scheme)
    {
        var result = await context.AuthenticateAsync(scheme);
        return Guid.TryParse(result.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
    }

    private static Task SignInAsync(HttpContext context, string scheme, string idClaim, SignInResult result) =>
        SignInAsync(context, scheme, idClaim, result, new AuthenticationProperties { IsPersistent = false }, []);

    private static async Task SignInAsync(HttpContext context, string scheme, string idClaim, SignInResult result, AuthenticationProperties properties, Claim[] extra)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(idClaim, result.AccountId!.Value.ToString()),
            new Claim(PuqClaims.SecurityStamp, result.SecurityStamp ?? ""),
            new Claim(PuqClaims.Name, string.IsNullOrWhiteSpace(result.Name) ? result.Email ?? "" : result.Name),
            new Claim(PuqClaims.Email, result.Email ?? ""),
            new Claim(PuqClaims.SessionId, Guid.CreateVersion7().ToString()),
            .. extra,
        ], scheme, PuqClaims.Name, null);
        await SignInWithOwnSessionAsync(context, scheme, new ClaimsPrincipal(identity), properties);
    }

    /// <summary>
    /// Gives the sign-in a server row of its own. The cookie handler would store it in the row of a cookie the request still
    /// carries (it renews the sign-in it read): a password change or a second "Sign in as client" would then live under a key
    /// whose row names another sign-in, and someone who kept a copy of that earlier cookie would hold the new one. So that
    /// earlier sign-in is ended first, and the new one goes through a handler that has not read it (the row it would find is gone).
    /// </summary>
    private static async Task SignInWithOwnSessionAsync(HttpContext context, string scheme, ClaimsPrincipal principal, AuthenticationProperties properties)
    {
        var cookieName = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(scheme).Cookie.Name!;
        if (!context.Request.Cookies.ContainsKey(cookieName))
        {
            await context.SignInAsync(scheme, principal, properties);
            return;
        }
        await context.SignOutAsync(scheme);
        var definition = await context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(scheme)
                         ?? throw new InvalidOperationException($"There is no authentication scheme {scheme}.");
        var handler = ActivatorUtilities.CreateInstance<CookieAuthenticationHandler>(context.RequestServices);
        await handler.InitializeAsync(definition, context);
        await handler.SignInAsync(principal, properties);
    }

    /// <summary>
    /// Every request re-checks that the account is active and its credentials unchanged since sign-in, and that a session
    /// a staff member opened as the client may still go on.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context, bool staff)
    {
        var principal = context.Principal;
        var idText = principal?.FindFirst(staff ? PuqClaims.StaffId : PuqClaims.ClientUserId)?.Value;
        var stamp = principal?.FindFirst(PuqClaims.SecurityStamp)?.Value;
        var http = context.HttpContext;
        var access = http.RequestServices.GetRequiredService<IAccountAccess>();
        var ip = http.Connection.RemoteIpAddress?.ToString();
        bool valid = Guid.TryParse(idText, out var id) && (staff
            ? await access.IsStaffSessionValidAsync(id, stamp, ip, http.RequestAborted)
            : await access.IsClientSessionValidAsync(id, stamp, http.RequestAborted));
        if (valid && !staff && principal!.Identity is ClaimsIdentity client && StaffSignedInAsClient.IsOne(client))
        {
            var console = await http.AuthenticateAsync(AuthSchemes.Staff);
            valid = await StaffSignedInAsClient.MayGoOnAsync(client, StaffSignedInAsClient.ConsoleStaffId(console.Principal), access, ip,
                http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), http.RequestAborted);
        }
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }
}
