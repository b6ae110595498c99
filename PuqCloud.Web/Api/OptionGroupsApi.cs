using MediatR;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Catalog;

namespace PuqCloud.Web.Api;

public static class OptionGroupsApi
{
    public sealed record OptionGroupBody(string? Key, Dictionary<string, string>? Name, Dictionary<string, string>? Description);
    public sealed record OptionBody(string? Key, Dictionary<string, string>? Name);
    public sealed record ReorderBody(List<Guid>? Ids);
    public sealed record OptionPriceBody(Guid? CurrencyId, PricePeriod? Period, decimal? Setup, decimal? Base, decimal? Idle, decimal? SwitchDown, decimal? SwitchUp);

    public static void MapOptionGroups(this RouteGroupBuilder v1)
    {
        const string root = "/api/admin/v1/option-groups";
        var group = v1.MapGroup("/option-groups").WithTags("Option groups");
        group.MapGet("", (IMediator m, [AsParameters] ListQuery q, CancellationToken ct) => m.Send(new ListOptionGroups(q.ToPageRequest()), ct))
            .WithName("ListOptionGroups")
            .WithSummary("Option groups, paged, in their order; search by key or name; sort by position or key.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetOptionGroup(id), ct))
            .WithName("GetOptionGroup")
            .WithSummary("An option group with its options in order and their prices.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", async (IMediator m, OptionGroupBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateOptionGroup(b.Key ?? "", b.Name, b.Description), ct);
            return TypedResults.Created($"{root}/{created.Id}", created);
        }).WithName("CreateOptionGroup")
            .WithSummary("Create a group (it goes last): its key, and its name and description.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}", async (IMediator m, Guid id, OptionGroupBody b, CancellationToken ct) =>
        {
            var g = await m.Send(new GetOptionGroup(id), ct);
            return await m.Send(new UpdateOptionGroup(id, b.Key ?? g.Key, b.Name ?? g.Name, b.Description ?? g.Description), ct);
        }).WithName("UpdateOptionGroup")
            .WithSummary("Change a group; fields left out keep their value ({} empties a translated text).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) =>
        {
            await m.Send(new DeleteOptionGroup(id), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteOptionGroup")
            .WithSummary("Delete a group that no product offers (409 otherwise).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/reorder", async (IMediator m, ReorderBody b, CancellationToken ct) =>
        {
            await m.Send(new ReorderOptionGroups(b.Ids ?? []), ct);
            return TypedResults.NoContent();
        }).WithName("ReorderOptionGroups")
            .WithSummary("Put the groups in this order: every group id exactly once.")
            .ProducesValidationProblem();
        group.MapImageSlots<CatalogImageSlot>("OptionGroup", (id, slot, content) => new SetOptionGroupImage(id, slot, content));

        group.MapGet("/{id:guid}/options", async (IMediator m, Guid id, CancellationToken ct) => (await m.Send(new GetOptionGroup(id), ct)).Options)
            .WithName("ListOptions")
            .WithSummary("The group's options in order, with their prices.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/options/{optionId:guid}", (IMediator m, Guid id, Guid optionId, CancellationToken ct) => m.Send(new GetOption(id, optionId), ct))
            .WithName("GetOption")
            .WithSummary("One option of the group with its price rows.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/options", async (IMediator m, Guid id, OptionBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateOption(id, b.Key ?? "", b.Name), ct);
            return TypedResults.Created($"{root}/{id}/options/{created.Id}", created);
        }).WithName("CreateOption")
            .WithSummary("Add an option at the end of the group.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/options/{optionId:guid}", async (IMediator m, Guid id, Guid optionId, OptionBody b, CancellationToken ct) =>
        {
            var o = await m.Send(new GetOption(id, optionId), ct);
            return await m.Send(new UpdateOption(id, optionId, b.Key ?? o.Key, b.Name ?? o.Name), ct);
        }).WithName("UpdateOption")
            .WithSummary("Change an option; fields left out keep their value.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}/options/{optionId:guid}", async (IMediator m, Guid id, Guid optionId, CancellationToken ct) =>
        {
            await m.Send(new DeleteOption(id, optionId), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteOption")
            .WithSummary("Delete an option with its price rows.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/options/reorder", (IMediator m, Guid id, ReorderBody b, CancellationToken ct) => m.Send(new ReorderOptions(id, b.Ids ?? []), ct))
            .WithName("ReorderOptions")
            .WithSummary("Put the group's options in this order: every option id exactly once.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        const string prices = "/{id:guid}/options/{optionId:guid}/prices";
        group.MapGet(prices, async (IMediator m, Guid id, Guid optionId, CancellationToken ct) => (await m.Send(new GetOption(id, optionId), ct)).Prices)
            .WithName("ListOptionPrices")
            .WithSummary("The option's price rows (one per currency and period).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost(prices, async (IMediator m, Guid id, Guid optionId, OptionPriceBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new AddOptionPrice(id, optionId, b.CurrencyId ?? Guid.Empty, b.Period ?? PriceBodies.NoPeriod,
                b.Setup ?? 0, b.Base ?? 0, b.Idle ?? 0, b.SwitchDown ?? 0, b.SwitchUp ?? 0), ct);
            return TypedResults.Created($"{root}/{id}/options/{optionId}/prices/{created.Id}", created);
        }).WithName("AddOptionPrice")
            .WithSummary("Add a price row: currency and period required; amounts in the currency's precision; one row per currency and period. An option is charged its Base and Idle only: a setup or switch fee is refused (it belongs on the product's price).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut(prices + "/{priceId:guid}", async (IMediator m, Guid id, Guid optionId, Guid priceId, OptionPriceBody b, CancellationToken ct) =>
        {
            var p = await m.Send(new GetOptionPrice(id, optionId, priceId), ct);
            return await m.Send(new UpdateOptionPrice(id, optionId, priceId, b.CurrencyId ?? p.CurrencyId, b.Period ?? p.Period,
                // Fees an older row may hold are never charged of an option (and refused now): left out, they go.
                b.Setup ?? 0m, b.Base ?? p.Base, b.Idle ?? p.Idle, b.SwitchDown ?? 0m, b.SwitchUp ?? 0m), ct);
        }).WithName("UpdateOptionPrice")
            .WithSummary("Change a price row; fields left out keep their value.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete(prices + "/{priceId:guid}", async (IMediator m, Guid id, Guid optionId, Guid priceId, CancellationToken ct) =>
        {
            await m.Send(new DeleteOptionPrice(id, optionId, priceId), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteOptionPrice")
            .WithSummary("Delete a price row of the option.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
