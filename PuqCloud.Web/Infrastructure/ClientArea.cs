using PuqCloud.Core.Features.Reference;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.Circuits;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// Which client a person works on in the client area, when they belong to several: a cookie holding
/// "user id.client id", read when the page or circuit starts. It is only a preference: the layout
/// keeps it only while the user still belongs to that client, and every request checks membership anyway.
/// </summary>
public sealed class ClientSelection(IHttpContextAccessor http)
{
    public const string Cookie = "puq.client.current";
    private bool _captured;
    private string? _value;

    /// <summary>Called when a circuit opens: afterwards there is no request to read the cookie from.</summary>
    internal void Capture()
    {
        _value = http.HttpContext?.Request.Cookies[Cookie];
        _captured = true;
    }

    public Guid? PreferredFor(Guid clientUserId)
    {
        var value = _captured ? _value : http.HttpContext?.Request.Cookies[Cookie];
        var parts = value?.Split('.');
        return parts is [var user, var client] && Guid.TryParse(user, out var u) && u == clientUserId && Guid.TryParse(client, out var c) ? c : null;
    }

    public static string ValueFor(Guid clientUserId, Guid clientId) => $"{clientUserId:N}.{clientId:N}";

    /// <summary>Remembers the client a user works on (after checking they belong to it).</summary>
    public static void Remember(HttpContext context, Guid clientUserId, Guid clientId) =>
        context.Response.Cookies.Append(Cookie, ValueFor(clientUserId, clientId),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
}

public sealed class ClientSelectionCircuitHandler(ClientSelection selection) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        selection.Capture();
        return Task.CompletedTask;
    }
}

/// <summary>Endpoints of the client area that set cookies or answer the static sign-up form's script.</summary>
public static class ClientAreaEndpoints
{
    /// <summary>The reset-link token moves from the address bar into this cookie, so that it is not kept in history or sent as a referrer.</summary>
    public const string ResetTokenCookie = "puq.reset";

    public static void MapClientAreaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/client/switch", async (HttpContext context, IAccountAccess access, Guid client, string? returnUrl) =>
        {
            var actor = Actor.FromPrincipal(context.User, null, Channels.Web);
            if (actor.ClientUserId is not { } userId) return Results.Redirect("/login");
            // A GET that changes state (a plain form works on static and interactive pages alike): a link or image on another
            // site must not change the client a person acts for, so a request the browser says came from elsewhere is not
            // followed (Fetch Metadata; a browser that sends no such header is let through).
            if (!FromThisSite(context.Request)) return Results.LocalRedirect(HostEndpoints.SafeReturnUrl(returnUrl));
            // A session staff opened as the client stays on that client.
            if ((actor.ImpersonatedClientId is null || actor.ImpersonatedClientId == client)
                && await access.GetClientAccessAsync(userId, client, context.RequestAborted) is not null)
                ClientSelection.Remember(context, userId, client);
            return Results.LocalRedirect(HostEndpoints.SafeReturnUrl(returnUrl));
        }).RequireAuthorization(AuthSchemes.ClientPolicy).ExcludeFromDescription();

        endpoints.MapGet("/signup/regions", async (IMediator mediator, string? country, CancellationToken cancellationToken) =>
            Results.Json(await mediator.Send(new ListRegionOptions(country ?? ""), cancellationToken))).ExcludeFromDescription();
    }

    /// <summary>Whether the browser sent the request from a page of this site, or from nowhere (typed, a bookmark).</summary>
    private static bool FromThisSite(HttpRequest request) =>
        request.Headers["Sec-Fetch-Site"].ToString() is "" or "same-origin" or "none";
}
