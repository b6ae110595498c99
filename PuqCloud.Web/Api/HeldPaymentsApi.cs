using MediatR;
using PuqCloud.Core.Features.Finance;

namespace PuqCloud.Web.Api;

/// <summary>Money a gateway reported that its document could not take, held for staff to apply to another proforma or give back.</summary>
public static class HeldPaymentsApi
{
    public sealed record ApplyHeldPaymentBody(Guid? DocumentId);
    public sealed record GiveBackHeldPaymentBody(string? Note);

    public static void MapHeldPayments(this RouteGroupBuilder v1)
    {
        var held = v1.MapGroup("/held-payments").WithTags("Invoices");
        held.MapGet("", (IMediator m, Guid? clientId, bool? openOnly, CancellationToken ct) => m.Send(new ListHeldPayments(clientId, openOnly ?? true), ct))
            .WithName("ListHeldPayments")
            .WithSummary("Payments gateways reported that their document could not take (paid in full already, cancelled, more than was due), newest first, at most 200: by default those still held (openOnly=false adds those applied or given back); filter by client. Held money is on no document and in no balance.");
        held.MapPost("/{id:guid}/apply", async Task<IResult> (IMediator m, Guid id, ApplyHeldPaymentBody b, CancellationToken ct) =>
            {
                var recorded = await m.Send(new ApplyHeldPayment(id, b.DocumentId), ct);
                return TypedResults.Created($"/api/admin/v1/invoices/{recorded.Payment.DocumentId}/payments", recorded);
            })
            .WithName("ApplyHeldPayment")
            .WithSummary("Apply the whole held amount to an unpaid proforma of the same client (documentId), as a payment through the gateway that took it, under the gateway's event id: the balance is credited net of tax and the payment that completes the proforma issues the final invoice. Applied once, however many ask at once.")
            .Produces<RecordedPayment>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        held.MapPost("/{id:guid}/give-back", async Task<IResult> (IMediator m, Guid id, GiveBackHeldPaymentBody b, CancellationToken ct) =>
            {
                await m.Send(new GiveBackHeldPayment(id, b.Note), ct);
                return TypedResults.NoContent();
            })
            .WithName("GiveBackHeldPayment")
            .WithSummary("Record that the held money was given back at the gateway (note: how, e.g. the gateway's refund id). Nothing moves: held money never reached a balance or a document.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
