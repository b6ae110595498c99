using MediatR;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.Automation;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Services;

namespace PuqCloud.Web.Api;

/// <summary>Services and their lifecycle, the ledger (transactions and adjustments) and the test clock.</summary>
public static class ServicesApi
{
    public sealed record CreateServiceBody(Guid? ClientId, Guid? ProductId, Guid? ProductPriceId, IReadOnlyList<Guid>? OptionIds, string? Label, bool? StartNow);
    public sealed record UpdateServiceBody(string? Label, bool? IsManual);
    public sealed record SuspendBody(string? Reason);
    public sealed record ChangePackageBody(Guid? ProductPriceId);
    public sealed record ChangeOptionsBody(IReadOnlyList<Guid>? OptionIds);
    public sealed record AdjustmentBody(decimal? Amount, string? Reason);
    public sealed record CreditLimitBody(decimal? CreditLimit);
    public sealed record AdvanceClockBody(int? Hours);

    public static void MapServices(this RouteGroupBuilder v1)
    {
        var services = v1.MapGroup("/services").WithTags("Services");
        services.MapGet("", (IMediator m, [AsParameters] ListQuery q, ServiceStatus? status, Guid? productId, Guid? clientId, CancellationToken ct) =>
                m.Send(new ListServices(q.ToPageRequest(), status, productId, clientId), ct))
            .WithName("ListServices")
            .WithSummary("Services, paged; newest order first; filter by status, product or client; sort by orderedAt, status, nextChargeAt or label.")
            .ProducesValidationProblem();
        services.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetService(id), ct))
            .WithName("GetService")
            .WithSummary("A service: status, provisioning, price and options, billing times and what it has cost so far.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        services.MapGet("/{id:guid}/events", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListServiceEvents(id), ct))
            .WithName("ListServiceEvents")
            .WithSummary("The service's history, newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        services.MapPost("", async (IMediator m, CreateServiceBody b, CancellationToken ct) =>
            {
                var created = await m.Send(new CreateService(b.ClientId ?? Guid.Empty, b.ProductId ?? Guid.Empty, b.ProductPriceId ?? Guid.Empty,
                    b.OptionIds, b.Label, b.StartNow ?? false), ct);
                return TypedResults.Created($"/api/admin/v1/services/{created.Id}", created);
            })
            .WithName("CreateService")
            .WithSummary("Order a service for a client: a product, one of its prices in the client's currency, options; pending, or started at once with startNow.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        services.MapPut("/{id:guid}", (IMediator m, Guid id, UpdateServiceBody b, CancellationToken ct) => m.Send(new UpdateService(id, b.Label, b.IsManual), ct))
            .WithName("UpdateService")
            .WithSummary("Change a service's label and manual mode; fields left out keep their value (\"\" empties the label).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        Action(services, "create", "ActivateService", "Start a pending service now: setup fee, the module's create, then the first charge.", id => new ActivateService(id));
        services.MapPost("/{id:guid}/suspend", (IMediator m, Guid id, SuspendBody? b, CancellationToken ct) => m.Send(new SuspendService(id, b?.Reason), ct))
            .WithName("SuspendService")
            .WithSummary("Suspend an active service: time it used that billing has not charged yet (hours a late billing run left) is charged first, then billing stops and the module's suspend is queued.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        Action(services, "unsuspend", "UnsuspendService", "Lift a suspension; the suspended time is not charged.", id => new UnsuspendService(id));
        Action(services, "idle", "IdleService", "Put an active service idle: the rest of a period paid in advance is credited at the idle price, and later charges are idle (a metered service from its next hour).", id => new SetServiceIdle(id, true));
        Action(services, "unidle", "UnidleService", "Wake an idle service: the rest of a period paid in advance is charged at the full price (refused when the balance and credit limit do not cover it), and later charges are full (a metered service from its next hour).", id => new SetServiceIdle(id, false));
        Action(services, "terminate", "TerminateService", "Terminate now: time it used that billing has not charged yet (hours a late billing run left) and the uninstall price are charged, and the module's terminate queued.", id => new TerminateService(id));
        Action(services, "retry-provisioning", "RetryServiceProvisioning",
            "Queue the service's last module action again when it failed every try (retryableModuleAction: a create, whose success starts billing, or a suspend, terminate, …).",
            id => new RetryServiceProvisioning(id));
        services.MapPost("/{id:guid}/change-package", (IMediator m, Guid id, ChangePackageBody b, CancellationToken ct) =>
                m.Send(new ChangeServicePackage(id, b.ProductPriceId ?? Guid.Empty), ct))
            .WithName("ChangeServicePackage")
            .WithSummary("Switch an active service up or down to another price row (same currency and module): the switch fee and a prorated adjustment for the rest of the paid period.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        services.MapGet("/{id:guid}/idle/preview", (IMediator m, Guid id, bool? idle, CancellationToken ct) => m.Send(new PreviewServiceIdle(id, idle ?? true), ct))
            .WithName("PreviewServiceIdle")
            .WithSummary("What putting the service idle (idle=true, the default) or waking it (idle=false) would post now: the rest of a period paid in advance settled at the new price, or why it would be refused. Nothing is written.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        services.MapGet("/{id:guid}/change-package/preview", (IMediator m, Guid id, Guid? productPriceId, CancellationToken ct) =>
                m.Send(new PreviewServicePackage(id, productPriceId ?? Guid.Empty), ct))
            .WithName("PreviewServicePackage")
            .WithSummary("What switching to the price row productPriceId would post now (the fee and the proration, as the ledger shows them, and their net; positive is charged), or why it would be refused. Nothing is written.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        // optionIds has a default: the request delegate generator takes a nullable array without one for a required parameter.
        services.MapGet("/{id:guid}/options", (IMediator m, Guid id, CancellationToken ct, Guid[]? optionIds = null) => m.Send(new GetServiceOptions(id, optionIds), ct))
            .WithName("GetServiceOptions")
            .WithSummary("The option groups a service can choose from, with prices in its currency and period and its current choice; with optionIds (the full proposed set, repeated), also what changing to it would post now.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        services.MapPut("/{id:guid}/options", async (IMediator m, Guid id, ChangeOptionsBody b, CancellationToken ct) =>
                await m.Send(new ChangeServiceOptions(id, b.OptionIds ?? (await m.Send(new GetService(id), ct)).Options.Select(o => o.OptionId).ToList()), ct))
            .WithName("ChangeServiceOptions")
            .WithSummary("Give an active service exactly these options (the full set, at most one per option group; [] for none; left out, the options stay as they are). A period paid in advance is settled for the rest of it at once (added options charged, removed ones credited); a metered service pays the new rate from its next hour.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        Action(services, "cancel", "CancelService", "Cancel a pending service.", id => new CancelService(id));
        Action(services, "request-termination", "RequestServiceTermination", "Terminate at the end of the paid time; billing stops charging it.",
            id => new RequestServiceTermination(id, true));
        Action(services, "withdraw-termination", "WithdrawServiceTermination", "Withdraw a termination request.", id => new RequestServiceTermination(id, false));

        var clients = v1.MapGroup("/clients").WithTags("Clients");
        clients.MapGet("/{id:guid}/services", (IMediator m, Guid id, [AsParameters] ListQuery q, ServiceStatus? status, CancellationToken ct) =>
                m.Send(new ListServices(q.ToPageRequest(), status, ClientId: id), ct))
            .WithName("ListClientServices")
            .WithSummary("A client's services, paged, like /services filtered to the client.")
            .ProducesValidationProblem();
        clients.MapGet("/{id:guid}/transactions", (IMediator m, Guid id, [AsParameters] ListQuery q, LedgerEntryType? type, CancellationToken ct) =>
                m.Send(new ListTransactions(q.ToPageRequest(), ClientId: id, Type: type), ct))
            .WithName("ListClientTransactions")
            .WithSummary("A client's ledger, newest row first (sort createdAt for oldest first): every movement of its balance.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/{id:guid}/adjustments", async (IMediator m, Guid id, AdjustmentBody b, CancellationToken ct) =>
            {
                var posted = await m.Send(new AddClientAdjustment(id, b.Amount, b.Reason), ct);
                return TypedResults.Created($"/api/admin/v1/transactions?clientId={id}", posted);
            })
            .WithName("AddClientAdjustment")
            .WithSummary("Correct a client's balance with a reason: a positive amount credits it, a negative one debits it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapGet("/{id:guid}/credit", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetClientCredit(id), ct))
            .WithName("GetClientCredit")
            .WithSummary("The client's balance, credit limit, and what charges may still take (balance + credit limit).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPut("/{id:guid}/credit-limit", async (IMediator m, Guid id, CreditLimitBody b, CancellationToken ct) =>
                await m.Send(new SetClientCreditLimit(id, b.CreditLimit ?? (await m.Send(new GetClientCredit(id), ct)).CreditLimit), ct))
            .WithName("SetClientCreditLimit")
            .WithSummary("Set how far below zero charges may take the client's balance (0: not at all); left out, it keeps its value.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/transactions", (IMediator m, [AsParameters] ListQuery q, Guid? clientId, Guid? serviceId, LedgerEntryType? type, CancellationToken ct) =>
                m.Send(new ListTransactions(q.ToPageRequest(), clientId, serviceId, type), ct))
            .WithTags("Transactions")
            .WithName("ListTransactions")
            .WithSummary("Every ledger row, newest first; filter by client, service or type; search in descriptions.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var clock = v1.MapGroup("/system/clock").WithTags("Clock");
        clock.MapGet("", (IMediator m, CancellationToken ct) => m.Send(new GetClock(), ct))
            .WithName("GetClock")
            .WithSummary("The billing clock: real time, or the test clock and where it stands.");
        clock.MapPost("/advance", (IMediator m, AdvanceClockBody b, CancellationToken ct) => m.Send(new AdvanceClock(b.Hours), ct))
            .WithName("AdvanceClock")
            .WithSummary("Move the test clock (Clock:Mode=Manual) forward by whole hours, running the schedules due in each hour in order.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void Action<TRequest>(RouteGroupBuilder services, string path, string name, string summary, Func<Guid, TRequest> request)
        where TRequest : IRequest<ServiceDetails> =>
        services.MapPost($"/{{id:guid}}/{path}", (IMediator m, Guid id, CancellationToken ct) => m.Send(request(id), ct))
            .WithName(name)
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
