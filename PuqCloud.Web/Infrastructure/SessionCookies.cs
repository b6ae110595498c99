using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Infrastructure;

/// <summary>Issues and checks the sign-in cookies of both areas.</summary>
public static class SessionCookies
{
    public static Task SignInStaffAsync(HttpContext context, SignInResult result) =>
        SignInAsync(context, AuthSchemes.Staff, PuqClaims.StaffId, result);

    public static Task SignInClientAsync(HttpContext context, SignInResult result) =>
        SignInAsync(context, AuthSchemes.Client, PuqClaims.ClientUserId, result);

    /// <summary>A client-area session opened by a staff member as the client's owner; the claims let the layout show a banner.</summary>
    public static Task SignInClientAsStaffAsync(HttpContext context, SignInResult owner, string staffName, Guid clientId) =>
        SignInAsync(context, AuthSchemes.Client, PuqClaims.ClientUserId, owner,
            new Claim(PuqClaims.ImpersonatorName, staffName), new Claim(PuqClaims.ImpersonatedClientId, clientId.ToString()));

    /// <summary>Remembers, for a few minutes, whose password was accepted while the second factor is awaited.</summary>
    public static Task BeginTwoFactorAsync(HttpContext context, string scheme, Guid accountId) =>
        context.SignInAsync(scheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, accountId.ToString())], scheme)));

    public static async Task<Guid?> PendingTwoFactorAsync(HttpContext context, string scheme)
    {
        var result = await context.AuthenticateAsync(scheme);
        return Guid.TryParse(result.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
    }

    private static async Task SignInAsync(HttpContext context, string scheme, string idClaim, SignInResult result, params Claim[] extra)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(idClaim, result.AccountId!.Value.ToString()),
            new Claim(PuqClaims.SecurityStamp, result.SecurityStamp ?? ""),
            new Claim(PuqClaims.Name, string.IsNullOrWhiteSpace(result.Name) ? result.Email ?? "" : result.Name),
            new Claim(PuqClaims.Email, result.Email ?? ""),
            .. extra,
        ], scheme, PuqClaims.Name, null);
        await context.SignInAsync(scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Every request re-checks that the account is active and its credentials unchanged since sign-in.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context, bool staff)
    {
        var principal = context.Principal;
        var idText = principal?.FindFirst(staff ? PuqClaims.StaffId : PuqClaims.ClientUserId)?.Value;
        var stamp = principal?.FindFirst(PuqClaims.SecurityStamp)?.Value;
        var access = context.HttpContext.RequestServices.GetRequiredService<IAccountAccess>();
        bool valid = Guid.TryParse(idText, out var id) && (staff
            ? await access.IsStaffSessionValidAsync(id, stamp, context.HttpContext.Connection.RemoteIpAddress?.ToString(), context.HttpContext.RequestAborted)
            : await access.IsClientSessionValidAsync(id, stamp, context.HttpContext.RequestAborted));
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }
}
