using MediatR;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Features.Reference;

namespace PuqCloud.Web.Api;

public static class CurrenciesApi
{
    public sealed record CurrencyBody(string? Code, string? Prefix, string? Suffix, decimal? ExchangeRate, CurrencyFormat? Format, bool? IsDefault, int? Decimals);

    public static void MapCurrencies(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/currencies").WithTags("Currencies");
        group.MapGet("", (IMediator m, [AsParameters] ListQuery q, CancellationToken ct) => m.Send(new ListCurrencies(q.ToPageRequest()), ct))
            .WithName("ListCurrencies")
            .WithSummary("Currencies, paged; sort by code, exchangeRate or isDefault.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetCurrency(id), ct))
            .WithName("GetCurrency")
            .WithSummary("A currency with the number of clients that use it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", async (IMediator m, CurrencyBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateCurrency(b.Code ?? "", b.Prefix, b.Suffix, b.ExchangeRate ?? 0, b.Format ?? CurrencyFormat.CommaDot, b.IsDefault ?? false, b.Decimals), ct);
            return TypedResults.Created($"/api/admin/v1/currencies/{created.Id}", created);
        }).WithName("CreateCurrency")
            .WithSummary("Add a currency by its ISO 4217 code; decimals default to the code's minor unit, and isDefault makes it the default (rate 1).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}", async (IMediator m, Guid id, CurrencyBody b, CancellationToken ct) =>
        {
            var c = await m.Send(new GetCurrency(id), ct);
            return await m.Send(new UpdateCurrency(id, b.Code ?? c.Code, b.Prefix ?? c.Prefix, b.Suffix ?? c.Suffix, b.ExchangeRate ?? c.ExchangeRate, b.Format ?? c.Format,
                b.IsDefault ?? c.IsDefault, b.Decimals ?? c.Decimals), ct);
        }).WithName("UpdateCurrency")
            .WithSummary("Change a currency; fields left out keep their value (decimals too, when the code changes). The default currency's rate is 1. The code and decimals of a currency that clients, typed prices, ledger rows or documents use cannot change (400).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) =>
        {
            await m.Send(new DeleteCurrency(id), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteCurrency")
            .WithSummary("Delete a currency that is not the default and that no client, typed price, ledger row or document uses (409 otherwise).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
