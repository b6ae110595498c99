using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Files;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Infrastructure;

/// <summary>Small endpoints of the host: health, sign-out, and the language and theme preferences.</summary>
public static class HostEndpoints
{
    public const string ThemeCookie = "puq.theme";

    public static void MapHostEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description),
                }));
            },
        });

        endpoints.MapPost("/admin/logout", (HttpContext context, IAntiforgery antiforgery) =>
            SignOutAsync(context, antiforgery, AuthSchemes.Staff, "/admin/login")).ExcludeFromDescription();
        endpoints.MapPost("/logout", (HttpContext context, IAntiforgery antiforgery) =>
            SignOutAsync(context, antiforgery, AuthSchemes.Client, "/login")).ExcludeFromDescription();

        // "Sign in as client": a form on the client page posts here; the request checks the permission and is audited.
        endpoints.MapPost("/admin/clients/{id:guid}/sign-in-as", async (HttpContext context, IAntiforgery antiforgery, UiRequests ui, TimeProvider clock, Guid id) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            var result = await ui.SendAsync(new SignInAsClient(id));
            if (result.Value is null) return Results.LocalRedirect($"/admin/clients/{id}?error={Uri.EscapeDataString(result.Message ?? "")}");
            var staff = context.User.Identities.First(i => i.HasClaim(c => c.Type == PuqClaims.StaffId));
            await SessionCookies.SignInClientAsStaffAsync(context, result.Value.Owner, staff, id, clock.GetUtcNow());
            // The owner may own several clients: open the one the staff member came from.
            ClientSelection.Remember(context, result.Value.Owner.AccountId!.Value, id);
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();
        endpoints.MapPost("/return-to-console", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            var clientId = context.User.FindFirst(PuqClaims.ImpersonatedClientId)?.Value;
            await context.SignOutAsync(AuthSchemes.Client);
            return Results.LocalRedirect(Guid.TryParse(clientId, out var id) ? $"/admin/clients/{id}" : "/admin");
        }).ExcludeFromDescription();

        endpoints.MapGet("/preferences/culture", (HttpContext context, string? value, string? returnUrl) =>
        {
            if (WebServiceCollectionExtensions.SupportedCultures.Any(c => c.Name == value))
            {
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(value!)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = false, SameSite = SameSiteMode.Lax });
            }
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).ExcludeFromDescription();

        // Catalog and company pictures: public (the client area and documents show them), immutable names.
        endpoints.MapGet(ImageRules.UrlPrefix + "{folder}/{name}", (IImageStore images, HttpContext context, string folder, string name) =>
        {
            if (images.Find($"{folder}/{name}") is not { } file) return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(file.FullPath, file.ContentType);
        }).ExcludeFromDescription();

        endpoints.MapGet("/preferences/theme", (HttpContext context, string? value, string? returnUrl) =>
        {
            if (value is "light" or "dark")
                context.Response.Cookies.Append(ThemeCookie, value, new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).ExcludeFromDescription();
    }

    public static bool IsDark(HttpContext? context) => context?.Request.Cookies[ThemeCookie] == "dark";

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, string scheme, string loginPath)
    {
        if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
        await context.SignOutAsync(scheme);
        return Results.LocalRedirect(loginPath);
    }

    /// <summary>Only paths of this site: never an open redirect.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\") ? returnUrl : "/";
}
