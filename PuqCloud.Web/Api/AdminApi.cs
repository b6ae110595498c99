using System.Security.Claims;
using MediatR;
using PuqCloud.Core.Features.Staff.MyAccount;
using PuqCloud.Core.Features.ApiTokens;
using PuqCloud.Core.Features.Dashboard;
using PuqCloud.Core.Security;
using PuqCloud.Web.Infrastructure;

namespace PuqCloud.Web.Api;

/// <summary>
/// The admin REST API, version 1. Endpoints are thin: each sends one request of Core through the same
/// pipeline the console uses (validation, permissions, audit) and returns its answer as JSON.
/// </summary>
public static class AdminApi
{
    /// <summary>The API's description in its OpenAPI document: above all, how a PUT treats the fields it does not send.</summary>
    public const string Description =
        "The PuqCloud admin API: each endpoint runs the same request, with the same validation, permissions and audit, as the console. " +
        "PUT changes only the fields it sends; a field left out or null keeps its value; send \"\" to empty a text, [] to empty a list " +
        "({} to empty a translated text). Bodies that are a whole set by nature (a list of ids in order, a group's permissions, a settings form) " +
        "replace that set when sent and keep it when left out.";

    public sealed record TokenRequestBody(string? Email, string? Password, string? TotpCode);
    public sealed record TokenResponse(string Token, DateTime ExpiresAt);
    public sealed record CreateTokenBody(string? Name, int? LifetimeDays);

    public static void MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup(AuthSchemes.AdminApiPrefix + "/v1")
            .RequireAuthorization(AuthSchemes.StaffApiPolicy)
            .WithTags("Admin API")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        v1.MapPost("/auth/token", async (TokenRequestBody body, IMediator mediator, CancellationToken ct) =>
            {
                var issued = await mediator.Send(new RequestApiToken(body.Email ?? "", body.Password ?? "", body.TotpCode), ct);
                return TypedResults.Ok(new TokenResponse(issued.Token, issued.ExpiresAt));
            })
            .AllowAnonymous()
            .WithName("IssueToken")
            .WithSummary("Exchange e-mail, password and (with two-factor on) a TOTP code for a bearer token.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        v1.MapGet("/me", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetMyAccount(), ct))
            .WithName("GetMe")
            .WithSummary("The staff account the token belongs to, with its permissions.");

        v1.MapGet("/tokens", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListMyApiTokens(), ct))
            .WithName("ListMyTokens")
            .WithSummary("Your personal API tokens (never the tokens themselves).");

        v1.MapPost("/tokens", async (CreateTokenBody body, IMediator mediator, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var issued = await mediator.Send(new CreateApiToken(body.Name ?? "", body.LifetimeDays ?? 0,
                    Guid.TryParse(user.FindFirstValue(PuqClaims.ApiTokenId), out var caller) ? caller : null), ct);
                return TypedResults.Created($"{AuthSchemes.AdminApiPrefix}/v1/tokens/{issued.Id}", issued);
            })
            .WithName("CreateToken")
            .WithSummary("Make a personal API token; the answer is the only time the token is shown. It expires no later than the token that asks for it.")
            .ProducesValidationProblem();

        v1.MapDelete("/tokens/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RevokeApiToken(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("RevokeToken")
            .WithSummary("Revoke one of your tokens.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/system/status", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetSystemStatus(), ct))
            .WithName("GetSystemStatus")
            .WithSummary("Version, database and node heartbeats, as the dashboard shows them.");

        v1.MapCurrencies();
        v1.MapClients();
        v1.MapMonitoring();
        v1.MapSettings();
        v1.MapStaff();
        v1.MapSchedules();
        v1.MapModules();
        v1.MapFinance();
        v1.MapProductGroups();
        v1.MapAttributeGroups();
        v1.MapOptionGroups();
        v1.MapProducts();
        v1.MapServices();
        v1.MapDocuments();
        v1.MapHeldPayments();
    }
}
