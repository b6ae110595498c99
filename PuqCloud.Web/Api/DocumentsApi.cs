using MediatR;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Monitoring;

namespace PuqCloud.Web.Api;

/// <summary>Documents (proformas, invoices, credit notes) and "Add funds", which issues a proforma.</summary>
public static class DocumentsApi
{
    public sealed record AddFundsBody(decimal? Amount);
    public sealed record RecordPaymentBody(Guid? GatewayId, decimal? Amount, DateTime? ReceivedAt, string? Reference);
    public sealed record RefundBody(Guid? PaymentId, decimal? Amount, string? Reason);

    public static void MapDocuments(this RouteGroupBuilder v1)
    {
        var clients = v1.MapGroup("/clients").WithTags("Clients");
        clients.MapPost("/{id:guid}/add-funds", async (IMediator m, Guid id, AddFundsBody b, CancellationToken ct) =>
            {
                var proforma = await m.Send(new AddFunds(id, b.Amount), ct);
                return TypedResults.Created($"/api/admin/v1/invoices/{proforma.Id}", proforma);
            })
            .WithName("AddFunds")
            .WithSummary("Ask a client to add an amount (in its currency, within the General settings' finance limits) to its balance: issues a numbered, unpaid proforma from the home company the tax rules pick, with their taxes on top. The balance moves when the proforma is paid.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapGet("/{id:guid}/add-funds/preview", (IMediator m, Guid id, decimal? amount, CancellationToken ct) => m.Send(new PreviewAddFunds(id, amount), ct))
            .WithName("PreviewAddFunds")
            .WithSummary("What add-funds would issue for an amount, without issuing it: the limits in the client's currency, the billing company, and with an amount the line, taxes and total.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapGet("/{id:guid}/invoices", (IMediator m, Guid id, [AsParameters] ListQuery q, DocumentType? kind, DocumentStatus? status,
                    DateTime? issuedFrom, DateTime? issuedTo, CancellationToken ct) =>
                m.Send(new ListDocuments(q.ToPageRequest(), id, kind, status, null, Period(issuedFrom, issuedTo)), ct))
            .WithName("ListClientDocuments")
            .WithSummary("A client's documents (proformas, invoices, credit notes), newest first; filter by kind, status or issue date (issuedFrom inclusive, issuedTo exclusive, UTC); search in numbers; sort createdAt, number, issuedAt or dueAt.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var invoices = v1.MapGroup("/invoices").WithTags("Invoices");
        invoices.MapGet("", (IMediator m, [AsParameters] ListQuery q, Guid? clientId, DocumentType? kind, DocumentStatus? status, Guid? homeCompanyId,
                    DateTime? issuedFrom, DateTime? issuedTo, CancellationToken ct) =>
                m.Send(new ListDocuments(q.ToPageRequest(), clientId, kind, status, homeCompanyId, Period(issuedFrom, issuedTo)), ct))
            .WithName("ListDocuments")
            .WithSummary("Every document, newest first; filter by client, kind, status, home company or issue date (issuedFrom inclusive, issuedTo exclusive, UTC); search in numbers and clients' names; sort createdAt, number, issuedAt or dueAt.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        invoices.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetDocument(id), ct))
            .WithName("GetDocument")
            .WithSummary("A document: its lines, taxes (each rounded to the currency's minor unit), totals, what was paid and what remains, status, the client's and company's data as they were when it was issued, and the documents it is tied to.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        invoices.MapGet("/{id:guid}/payments", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListDocumentPayments(id), ct))
            .WithName("ListDocumentPayments")
            .WithSummary("The payments of a document in the order received (for a final invoice, those of its proforma): gross amount, the net part that credited the balance, gateway, gateway event id, day received, reference.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        invoices.MapPost("/{id:guid}/payments", async Task<IResult> (IMediator m, Guid id, RecordPaymentBody b, CancellationToken ct) =>
            {
                var recorded = await m.Send(new RecordPayment(id, b.GatewayId, b.Amount, b.ReceivedAt, b.Reference), ct);
                return recorded.Duplicate ? TypedResults.Ok(recorded) : TypedResults.Created($"/api/admin/v1/invoices/{id}/payments", recorded);
            })
            .WithName("RecordPayment")
            .WithSummary("Record money received for an unpaid proforma through one of its company's enabled gateways (amount in the document's currency, at most what is still due; day received; reference). The balance is credited net of tax; the payment that completes the proforma issues the numbered final invoice. The same event recorded again (Bank Transfer: same reference, amount and day) answers 200 with the first payment and duplicate = true, writing nothing.")
            .Produces<RecordedPayment>(StatusCodes.Status201Created)
            .Produces<RecordedPayment>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        invoices.MapPost("/{id:guid}/refund", async (IMediator m, Guid id, RefundBody b, CancellationToken ct) =>
            {
                var made = await m.Send(new RefundPayment(id, b.PaymentId, b.Amount, b.Reason), ct);
                return TypedResults.Created(made.CreditNote is { } creditNote ? $"/api/admin/v1/invoices/{creditNote.Id}" : $"/api/admin/v1/invoices/{made.DocumentId}/payments", made);
            })
            .WithName("RefundPayment")
            .WithSummary("Give back an amount (gross, in the document's currency, at most the payment's amount minus its earlier refunds) of a payment of the document (a proforma or its final invoice), with a reason: the gateway's module refunds it (Bank Transfer: by hand), one ledger Refund row takes the net part from the balance (refused when the balance does not cover it) and a numbered credit note for exactly the amount is issued against the final invoice. Before the proforma has its final invoice no credit note is issued (a proforma is no tax document) and the proforma is paid that much less. Answers the refund and its credit note (null before the invoice); Location is the credit note, or the document's payments.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        invoices.MapGet("/{id:guid}/payment-options", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetDocumentPaymentOptions(id), ct))
            .WithName("GetDocumentPaymentOptions")
            .WithSummary("What a document still asks for and the gateways it can be paid through: enabled, of its company, taking its currency, in their order.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        invoices.MapPost("/{id:guid}/pay-instructions", (IMediator m, Guid id, Guid? gatewayId, CancellationToken ct) => m.Send(new StartPayment(id, gatewayId), ct))
            .WithName("StartPayment")
            .WithSummary("How to pay an unpaid proforma through a gateway (?gatewayId=): the module's instructions and/or a page to send the payer to, for what is still due. Writes nothing.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapGroup("/credit-notes").WithTags("Invoices").MapGet("", (IMediator m, [AsParameters] ListQuery q, Guid? clientId, Guid? homeCompanyId,
                    DateTime? issuedFrom, DateTime? issuedTo, CancellationToken ct) =>
                m.Send(new ListDocuments(q.ToPageRequest(), clientId, DocumentType.CreditNote, null, homeCompanyId, Period(issuedFrom, issuedTo)), ct))
            .WithName("ListCreditNotes")
            .WithSummary("The credit notes, newest first; filter by client, home company or issue date (issuedFrom inclusive, issuedTo exclusive, UTC); search in numbers and clients' names; sort createdAt, number, issuedAt or dueAt.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The issue dates asked for, or none when neither end is given.</summary>
    private static LogPeriod? Period(DateTime? from, DateTime? to) => from is null && to is null ? null : new LogPeriod(from, to);
}
