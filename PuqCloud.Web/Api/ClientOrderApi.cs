using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Web.Infrastructure;

namespace PuqCloud.Web.Api;

/// <summary>
/// Ordering in the client API: the store, a product's order form, the summary (price, taxes, funds check) and placing the
/// order, each sending the request the client area's order pages send (permission orders.manage).
/// </summary>
public static class ClientOrderApi
{
    public sealed record OrderPreviewBody(Guid? ProductId, Guid? ProductPriceId, IReadOnlyList<Guid>? OptionIds);
    public sealed record OrderBody(Guid? ProductId, Guid? ProductPriceId, IReadOnlyList<Guid>? OptionIds, string? Label);

    public static void MapClientOrders(this RouteGroupBuilder v1)
    {
        v1.MapGet("/order/groups", (IMediator m, ClaimsPrincipal user, CancellationToken ct) => m.Send(new ListMyOrderGroups(ClientApi.ClientOf(user)), ct))
            .WithName("ClientListOrderGroups")
            .WithSummary("The store: the visible product groups with the products you can order, priced in your currency (permission orders.manage).")
            .WithDescription("A product out of stock is listed with inStock false and cannot be ordered. Hidden products are not listed; they are ordered by their id (a direct link).");
        v1.MapGet("/order/products/{id:guid}", (IMediator m, ClaimsPrincipal user, Guid id, CancellationToken ct) => m.Send(new GetMyOrderForm(ClientApi.ClientOf(user), id), ct))
            .WithName("ClientGetOrderForm")
            .WithSummary("What a product offers: its prices in your currency and its option groups with their options and prices.")
            .WithDescription("A hidden product is found by its id; a retired or inactive one, or one without a price in your currency, is not found.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapPost("/order/preview", (IMediator m, ClaimsPrincipal user, OrderPreviewBody b, CancellationToken ct) =>
                m.Send(new PreviewMyOrder(ClientApi.ClientOf(user), b.ProductId ?? Guid.Empty, b.ProductPriceId ?? Guid.Empty, b.OptionIds), ct))
            .WithName("ClientPreviewOrder")
            .WithSummary("The summary of an order before it is placed: the setup fee, the price and options, the taxes and total, and whether your funds cover starting it.")
            .WithDescription("Nothing is written. startCost is what starting the service takes from the balance (the setup fee and the first charge); when the balance and " +
                             "credit limit, less what your orders still waiting need, do not cover it, toAdd is the amount to add beyond what your unpaid add-funds " +
                             "proformas will add (at least the smallest top-up, at most the largest, with moreNeeded when that is not enough; 0 when the proformas cover it).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapPost("/orders", async (IMediator m, ClaimsPrincipal user, OrderBody b, [FromHeader(Name = "Idempotency-Key")] string? orderKey, CancellationToken ct) =>
            {
                var service = await m.Send(new PlaceMyOrder(ClientApi.ClientOf(user), b.ProductId ?? Guid.Empty, b.ProductPriceId ?? Guid.Empty, b.OptionIds, b.Label, orderKey), ct);
                return TypedResults.Created($"{AuthSchemes.ClientApiPrefix}/v1/services/{service.Id}", service);
            })
            .WithName("ClientPlaceOrder")
            .WithSummary("Order a product: a pending service, started once the balance and credit limit cover its setup fee and first charge.")
            .WithDescription("The same order the client area places. Nothing is charged now; the service starts within minutes of the funds being there, " +
                             "after the client's earlier orders still waiting (a client's orders start oldest first). Send an Idempotency-Key header (up to 100 " +
                             "characters, new for each order) to place it once: the same key again answers the service it made (a retry after a lost answer), " +
                             "and a different order under it is refused (409). Without one, a retried request places a second order. " +
                             "A product out of stock is refused (field productId).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapPost("/orders/{id:guid}/cancel", (IMediator m, ClaimsPrincipal user, Guid id, CancellationToken ct) => m.Send(new CancelMyOrder(ClientApi.ClientOf(user), id), ct))
            .WithName("ClientCancelOrder")
            .WithSummary("Withdraw an order that has not started (a pending service, by its id): it is cancelled and nothing is charged.")
            .WithDescription("A service that has started is ended by asking for its termination instead (PUT /services/{id}/termination); that is refused here (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
