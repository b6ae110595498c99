using MediatR;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Finance;

namespace PuqCloud.Web.Api;

/// <summary>
/// Where payment gateways notify the host: anonymous (the gateway's module checks the signature with the gateway's
/// settings), one URL per gateway of a home company. The raw body and the headers go to the module unchanged.
/// </summary>
public static class GatewayWebhooksApi
{
    /// <summary>The largest notification read; gateways send a few kilobytes.</summary>
    public const int MaxBodyLength = 64 * 1024;

    /// <summary>The webhooks' path; its refusals are answered as problem details like the admin API's.</summary>
    public const string Prefix = "/api/gateways";

    public static void MapGatewayWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Prefix + "/{gatewayId:guid}/events", async (HttpContext context, IMediator m, Guid gatewayId, CancellationToken ct) =>
            {
                var buffer = new char[MaxBodyLength + 1];
                using var reader = new StreamReader(context.Request.Body);
                var read = await reader.ReadBlockAsync(buffer, ct);
                if (read > MaxBodyLength) throw RequestValidationException.For("Body", $"A notification has at most {MaxBodyLength} characters.");
                var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
                return await m.Send(new ReceiveGatewayEvent(gatewayId, new string(buffer, 0, read), headers), ct);
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Payment gateways")
            .WithName("ReceiveGatewayEvent")
            .WithSummary("A payment gateway's notification (its raw body and headers): the gateway's module checks its signature and turns it into a payment, or a refund made at the gateway (a ledger Refund row and, once the proforma has its final invoice, a numbered credit note, as a staff refund), applied once per gateway event id however often it arrives. Bank Transfer takes none.")
            .Accepts<string>("application/json", "text/plain", "application/x-www-form-urlencoded")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
