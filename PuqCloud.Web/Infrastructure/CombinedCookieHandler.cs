using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// Reads the staff cookie and the client-user cookie together into one principal. The Blazor hub
/// connection (/_blazor) belongs to no area, so the circuit gets both identities and each request
/// uses the one its access rule asks for. Challenges send a person to the sign-in page of the area
/// they tried to open.
/// </summary>
public sealed class CombinedCookieHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var staff = await Context.AuthenticateAsync(AuthSchemes.Staff);
        var client = await Context.AuthenticateAsync(AuthSchemes.Client);
        var identities = new List<ClaimsIdentity>();
        if (staff.Succeeded) identities.AddRange(staff.Principal.Identities);
        if (client.Succeeded) identities.AddRange(client.Principal.Identities);
        if (identities.Count == 0) return AuthenticateResult.NoResult();
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identities), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.ChallengeAsync(AreaScheme(), properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Context.ForbidAsync(AreaScheme(), properties);

    private string AreaScheme() => Request.Path.StartsWithSegments("/admin") ? AuthSchemes.Staff : AuthSchemes.Client;
}
