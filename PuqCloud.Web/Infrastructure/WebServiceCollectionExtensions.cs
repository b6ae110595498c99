using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using PuqCloud.Core.Security;
using MudBlazor.Services;

namespace PuqCloud.Web.Infrastructure;

public static class WebServiceCollectionExtensions
{
    public static readonly CultureInfo[] SupportedCultures = [new("en"), new("pl")];

    public static IServiceCollection AddPuqWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.AddHttpContextAccessor();
        // A body or query value the API cannot read is a problem-details answer in every environment, not only in
        // Development (the framework's default writes a bare 400 elsewhere).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        services.AddScoped<WebActorSource>();
        services.AddScoped<IActorSource>(sp => sp.GetRequiredService<WebActorSource>());
        services.AddScoped<CircuitCorrelation>();
        services.AddScoped<CircuitHandler, ActorCircuitHandler>();
        services.AddScoped<UiRequests>();
        services.AddScoped<PersonTime>();
        services.AddScoped<PuqCloud.Modules.Abstractions.IModulePages, ModulePages>();
        services.AddScoped<ClientSelection>();
        services.AddScoped<CircuitHandler, ClientSelectionCircuitHandler>();

        // Enums travel by name in the API ("CommaDot", not 0).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.ConfigureHttpJsonOptions(OpenApiSetup.StrictNumbers);
        services.AddProblemDetails();
        services.AddExceptionHandler<RequestExceptionHandler>();
        services.AddOpenApi(OpenApiSetup.Configure);
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("readiness");

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "By path", o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments(AuthSchemes.AdminApiPrefix) ? AuthSchemes.ApiToken
                : context.Request.Path.StartsWithSegments(AuthSchemes.ClientApiPrefix) ? AuthSchemes.ClientApiToken
                : AuthSchemes.Cookies)
            .AddScheme<AuthenticationSchemeOptions, CombinedCookieHandler>(AuthSchemes.Cookies, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(AuthSchemes.ApiToken, null)
            .AddScheme<AuthenticationSchemeOptions, ClientApiTokenHandler>(AuthSchemes.ClientApiToken, null)
            .AddCookie(AuthSchemes.Staff, o => ConfigureSessionCookie(o, ".puq.staff", "/admin/login", staff: true))
            .AddCookie(AuthSchemes.Client, o => ConfigureSessionCookie(o, ".puq.client", "/login", staff: false))
            .AddCookie(AuthSchemes.StaffTwoFactor, o => ConfigurePendingCookie(o, ".puq.staff.2fa", "/admin/login"))
            .AddCookie(AuthSchemes.ClientTwoFactor, o => ConfigurePendingCookie(o, ".puq.client.2fa", "/login"));
        DatabaseTicketStore.Use(services, AuthSchemes.Staff, AuthSchemes.Client);

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.StaffPolicy, p => p.RequireClaim(PuqClaims.StaffId))
            .AddPolicy(AuthSchemes.ClientPolicy, p => p.RequireClaim(PuqClaims.ClientUserId))
            .AddPolicy(AuthSchemes.StaffApiPolicy, p => p.AddAuthenticationSchemes(AuthSchemes.ApiToken).RequireClaim(PuqClaims.StaffId))
            .AddPolicy(AuthSchemes.ClientApiPolicy, p => p.AddAuthenticationSchemes(AuthSchemes.ClientApiToken).RequireClaim(PuqClaims.ClientUserId).RequireClaim(PuqClaims.ClientId));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        return services;
    }

    private static void ConfigureSessionCookie(CookieAuthenticationOptions o, string name, string loginPath, bool staff)
    {
        o.Cookie.Name = name;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = loginPath;
        o.AccessDeniedPath = loginPath;
        o.ReturnUrlParameter = "returnUrl";
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = context => SessionCookies.ValidateAsync(context, staff);
    }

    private static void ConfigurePendingCookie(CookieAuthenticationOptions o, string name, string loginPath)
    {
        o.Cookie.Name = name;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.LoginPath = loginPath;
        o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        o.SlidingExpiration = false;
    }
}
