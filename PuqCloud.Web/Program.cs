using PuqCloud.Core;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;
using PuqCloud.Web.Api;
using PuqCloud.Web.Components;
using PuqCloud.Web.Infrastructure;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
var contentRoot = builder.Environment.ContentRootPath;
// The test clock bills days in seconds: never where real money is charged.
if (builder.Environment.IsProduction() && PuqCloud.Core.Billing.ManualClock.IsManual(builder.Configuration))
    throw new InvalidOperationException("Clock:Mode=Manual moves billing's clock by hand and is refused in Production. Remove it, or run in another environment.");
PublicSite.Configure(builder);

builder.Logging.ClearProviders().AddSerilog(PuqLogging.Create(builder.Configuration, CoreServiceCollectionExtensions.LogStorage(builder.Configuration, contentRoot)), dispose: true);
// Package assets (MudBlazor, later Monaco) from the build output also outside Development; a published app has them anyway.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddPuqCore(builder.Configuration, contentRoot);
builder.Services.AddKeyEncryption(builder.Configuration, builder.Environment.IsDevelopment());
// The modules the host ships with: passed explicitly, never found by scanning folders.
builder.Services.AddPuqModules(typeof(PuqCloud.Modules.ModulesAssembly).Assembly);
builder.Services.AddPuqWeb();
builder.Services.AddKnownProxies(builder.Configuration);

var app = builder.Build();

// First: everything after it sees the client and scheme the configured proxies report.
app.UseForwardedHeaders();
app.UseMiddleware<RequestLoggingMiddleware>();
app.UseMiddleware<SecurityHeadersMiddleware>();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseMiddleware<ReadinessGateMiddleware>();
app.UseExceptionHandler();
app.UseMiddleware<UnreadableValueProblems>();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseMiddleware<SessionRecordingMiddleware>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHostEndpoints();
app.MapClientAreaEndpoints();
// The API's description and its docs page: always in Development, in Production only when Api:DocsInProduction is set.
if (!app.Environment.IsProduction() || bool.TryParse(app.Configuration["Api:DocsInProduction"], out var docs) && docs)
{
    app.MapOpenApi();
    app.UseSwaggerUI(o =>
    {
        o.SwaggerEndpoint("/openapi/v1.json", "PuqCloud admin API v1");
        o.RoutePrefix = "api/docs";
    });
}
app.MapAdminApi();
app.MapClientApi();
app.MapGatewayWebhooks();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'").AddAdditionalAssemblies(typeof(PuqCloud.Modules.ModulesAssembly).Assembly);

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
