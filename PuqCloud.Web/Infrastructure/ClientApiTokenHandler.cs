using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// `Authorization: Bearer puqc_…` for the client API: the principal is the token's client user, with the one client
/// the token was made for. Unknown, expired and revoked tokens, and tokens of users no longer in their client, get 401.
/// </summary>
public sealed class ClientApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ClientApiTokenAuthenticator tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var owner = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (owner is null) return AuthenticateResult.Fail("The token is unknown, expired or revoked.");
        var identity = new ClaimsIdentity(
        [
            new Claim(PuqClaims.ClientUserId, owner.ClientUserId.ToString()),
            new Claim(PuqClaims.ClientId, owner.ClientId.ToString()),
            new Claim(PuqClaims.ApiTokenId, owner.TokenId.ToString()),
            new Claim(PuqClaims.Name, owner.Name),
            new Claim(PuqClaims.Email, owner.Email),
        ], Scheme.Name, PuqClaims.Name, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Not signed in",
            "Send a valid client API token as 'Authorization: Bearer …'. Make one in the client area under My account → API tokens.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "Your user may not do this for this client.");
}
