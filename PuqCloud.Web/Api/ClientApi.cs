using System.Security.Claims;
using MediatR;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
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
    public sealed record AddFundsBody(decimal? Amount);
    public sealed record PayBody(Guid? GatewayId);
    public sealed record LabelBody(string? Label);
    public sealed record TerminationBody(bool? Requested);

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
                var issued = await m.Send(new CreateClientApiToken(ClientOf(user), body.Name ?? "", body.LifetimeDays ?? 0,
                    Guid.Parse(user.FindFirstValue(PuqClaims.ApiTokenId)!)), ct);
                return TypedResults.Created($"{AuthSchemes.ClientApiPrefix}/v1/tokens/{issued.Id}", issued);
            })
            .WithName("ClientCreateToken")
            .WithSummary("Make another client API token for this client, expiring no later than the calling one; the answer is the only time the token is shown.")
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

        v1.MapGet("/users", (IMediator m, ClaimsPrincipal user, CancellationToken ct) => m.Send(new ListMyClientMembers(ClientOf(user)), ct))
            .WithName("ClientListUsers")
            .WithSummary("The users of the client and their permissions (permission users.manage).");

        v1.MapGet("/dashboard", (IMediator m, ClaimsPrincipal user, CancellationToken ct) => m.Send(new GetMyDashboard(ClientOf(user)), ct))
            .WithName("ClientGetDashboard")
            .WithSummary("Balance and credit, services by state, the current cost per hour, day and month, a suggested top-up and alerts.");

        v1.MapGet("/transactions", (IMediator m, ClaimsPrincipal user, [AsParameters] ListQuery q, CancellationToken ct) =>
                m.Send(new ListMyTransactions(ClientOf(user), q.ToPageRequest()), ct))
            .WithName("ClientListTransactions")
            .WithSummary("The client's ledger rows, newest first (permission transactions.view).")
            .ProducesValidationProblem();

        v1.MapGet("/add-funds/preview", (IMediator m, ClaimsPrincipal user, decimal? amount, CancellationToken ct) => m.Send(new PreviewMyAddFunds(ClientOf(user), amount), ct))
            .WithName("ClientPreviewAddFunds")
            .WithSummary("What adding an amount would issue: the limits, and with an amount the proforma's line, taxes and total (permission invoices.manage).")
            .ProducesValidationProblem();
        v1.MapPost("/add-funds", async (IMediator m, ClaimsPrincipal user, AddFundsBody b, CancellationToken ct) =>
            {
                var proforma = await m.Send(new AddMyFunds(ClientOf(user), b.Amount), ct);
                return TypedResults.Created($"{AuthSchemes.ClientApiPrefix}/v1/invoices/{proforma.Id}", proforma);
            })
            .WithName("ClientAddFunds")
            .WithSummary("Ask to add an amount to the balance: issues an unpaid proforma; pay it through /invoices/{id}/pay (permission invoices.manage).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        v1.MapGet("/invoices", (IMediator m, ClaimsPrincipal user, [AsParameters] ListQuery q, DocumentType? kind, DocumentStatus? status, CancellationToken ct) =>
                m.Send(new ListMyDocuments(ClientOf(user), q.ToPageRequest(), kind, status), ct))
            .WithName("ClientListInvoices")
            .WithSummary("The client's proformas, invoices and credit notes, newest first (permission invoices.manage).")
            .ProducesValidationProblem();
        v1.MapGet("/invoices/{id:guid}", (IMediator m, ClaimsPrincipal user, Guid id, CancellationToken ct) => m.Send(new GetMyDocument(ClientOf(user), id), ct))
            .WithName("ClientGetInvoice")
            .WithSummary("One of the client's documents with its lines, taxes, totals and the seller and buyer as issued.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/invoices/{id:guid}/payment-options", (IMediator m, ClaimsPrincipal user, Guid id, CancellationToken ct) => m.Send(new GetMyPaymentOptions(ClientOf(user), id), ct))
            .WithName("ClientGetPaymentOptions")
            .WithSummary("What a document still asks for and the payment gateways it can be paid through.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapPost("/invoices/{id:guid}/pay", (IMediator m, ClaimsPrincipal user, Guid id, PayBody b, CancellationToken ct) => m.Send(new StartMyPayment(ClientOf(user), id, b.GatewayId), ct))
            .WithName("ClientStartPayment")
            .WithSummary("How to pay an unpaid proforma through a gateway: its instructions and/or the page to go to. Nothing is charged here.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        v1.MapGet("/services", (IMediator m, ClaimsPrincipal user, [AsParameters] ListQuery q, ServiceStatus? status, CancellationToken ct) =>
                m.Send(new ListMyServices(ClientOf(user), q.ToPageRequest(), status), ct))
            .WithName("ClientListServices")
            .WithSummary("The client's services (permission services.manage).")
            .ProducesValidationProblem();
        v1.MapGet("/services/{id:guid}", (IMediator m, ClaimsPrincipal user, Guid id, CancellationToken ct) => m.Send(new GetMyService(ClientOf(user), id), ct))
            .WithName("ClientGetService")
            .WithSummary("One of the client's services: status, price and options, rate and cost so far.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapPut("/services/{id:guid}/label", async (IMediator m, ClaimsPrincipal user, Guid id, LabelBody b, CancellationToken ct) =>
                b.Label is null ? await m.Send(new GetMyService(ClientOf(user), id), ct) : await m.Send(new SetMyServiceLabel(ClientOf(user), id, b.Label), ct))
            .WithName("ClientSetServiceLabel")
            .WithSummary("Name a service in your own words (\"\" clears the label; a label left out keeps its value).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapPut("/services/{id:guid}/termination", async (IMediator m, ClaimsPrincipal user, Guid id, TerminationBody b, CancellationToken ct) =>
                b.Requested is { } requested
                    ? await m.Send(new SetMyServiceTermination(ClientOf(user), id, requested), ct)
                    : await m.Send(new GetMyService(ClientOf(user), id), ct))
            .WithName("ClientSetServiceTermination")
            .WithSummary("Ask for a service's termination (requested: true) or withdraw the request (false); requested left out keeps it as it is.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        v1.MapClientOrders();
    }
}
