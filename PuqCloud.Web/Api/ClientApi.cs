using System.Security.Claims;
using MediatR;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Security;
using PuqCloud.Web.Infrastructure;

namespace PuqCloud.Web.Api;

/// <summary>
/// The client API, version 1: what the client area does, for a client user's scripts. A token (made in the client
/// area under My account → API tokens) acts as its user for the one client it was made for; each endpoint sends the
/// client area's own request, so the user's permissions in that client decide, as they do on the pages.
/// </summary>
public static class ClientApi
{
    public const string Tag = "Client API";

    /// <summary>Who the token acts as: the user, the client, and what the user may do there.</summary>
    public sealed record ClientApiIdentity(MyClientAccount User, MyClient Client);

    public sealed record CreateTokenBody(string? Name, int? LifetimeDays);

    public sealed record ProfileBody(string? FirstName, string? LastName, string? CompanyName, string? TaxId, string? Phone,
        string? Address1, string? Address2, string? City, string? Postcode, string? CountryCode, string? Region);

    /// <summary>The client the token was made for (the client API policy requires the claim).</summary>
    public static Guid ClientOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(PuqClaims.ClientId)!);

    public static void MapClientApi(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup(AuthSchemes.ClientApiPrefix + "/v1")
            .RequireAuthorization(AuthSchemes.ClientApiPolicy)
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        v1.MapGet("/me", async (IMediator m, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var clientId = ClientOf(user);
                var account = await m.Send(new GetMyClientAccount(), ct);
                var client = (await m.Send(new ListMyClients(), ct)).FirstOrDefault(c => c.ClientId == clientId)
                    ?? throw new NotFoundException("There is no such client among yours.");
                return new ClientApiIdentity(account, client);
            })
            .WithName("ClientGetMe")
            .WithSummary("The user the token acts as, the client it was made for, and the user's permissions there.");

        v1.MapGet("/tokens", (IMediator m, ClaimsPrincipal user, CancellationToken ct) => m.Send(new ListMyClientApiTokens(ClientOf(user)), ct))
            .WithName("ClientListTokens")
            .WithSummary("Your client API tokens for this client (never the tokens themselves).");
        v1.MapPost("/tokens", async (IMediator m, ClaimsPrincipal user, CreateTokenBody body, CancellationToken ct) =>
            {
                var issued = await m.Send(new CreateClientApiToken(ClientOf(user), body.Name ?? "", body.LifetimeDays ?? 0), ct);
                return TypedResults.Created($"{AuthSchemes.ClientApiPrefix}/v1/tokens/{issued.Id}", issued);
            })
            .WithName("ClientCreateToken")
            .WithSummary("Make another client API token for this client; the answer is the only time the token is shown.")
            .ProducesValidationProblem();
        v1.MapDelete("/tokens/{id:guid}", async (IMediator m, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            {
                await m.Send(new RevokeClientApiToken(ClientOf(user), id), ct);
                return TypedResults.NoContent();
            })
            .WithName("ClientRevokeToken")
            .WithSummary("Revoke one of your client API tokens (the one calling included).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/profile", (IMediator m, ClaimsPrincipal user, CancellationToken ct) => m.Send(new GetClientProfile(ClientOf(user)), ct))
            .WithName("ClientGetProfile")
            .WithSummary("The client's names, company, tax ID, phone and billing address.");
        v1.MapPut("/profile", async (IMediator m, ClaimsPrincipal user, ProfileBody b, CancellationToken ct) =>
            {
                // PUT changes only the fields it sends, as in the admin API: the rest keep their values.
                var now = await m.Send(new GetClientProfile(ClientOf(user)), ct);
                return await m.Send(new UpdateClientProfile(now.ClientId, b.FirstName ?? now.FirstName, b.LastName ?? now.LastName,
                    b.CompanyName ?? now.CompanyName, b.TaxId ?? now.TaxId, b.Phone ?? now.Phone, b.Address1 ?? now.Address1,
                    b.Address2 ?? now.Address2, b.City ?? now.City, b.Postcode ?? now.Postcode, b.CountryCode ?? now.CountryCode,
                    b.Region ?? now.Region), ct);
            })
            .WithName("ClientUpdateProfile")
            .WithSummary("Change the client's profile (permission profile.modify); fields left out keep their values.")
            .ProducesValidationProblem();

        v1.MapGet("/users", (IMediator m, ClaimsPrincipal user, CancellationToken ct) => m.Send(new ListClientMembers(ClientOf(user)), ct))
            .WithName("ClientListUsers")
            .WithSummary("The users of the client and their permissions (permission users.manage).");
    }
}
