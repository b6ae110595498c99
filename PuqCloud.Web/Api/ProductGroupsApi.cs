using MediatR;
using PuqCloud.Core.Features.Catalog;

namespace PuqCloud.Web.Api;

public static class ProductGroupsApi
{
    public sealed record CreateBody(string? Key);
    public sealed record UpdateBody(string? Key, Dictionary<string, string>? Name, Dictionary<string, string>? Description, bool? IsVisible,
        string? ListView, string? OrderView, string? ManageView);
    public sealed record IdsBody(List<Guid>? Ids);
    public sealed record AddProductsBody(List<Guid>? ProductIds);

    public static void MapProductGroups(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/product-groups").WithTags("Product groups");
        group.MapGet("", (IMediator m, [AsParameters] ListQuery q, CancellationToken ct) => m.Send(new ListProductGroups(q.ToPageRequest()), ct))
            .WithName("ListProductGroups")
            .WithSummary("Product groups, paged; sort by position (the storefront order), key or isVisible.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetProductGroup(id), ct))
            .WithName("GetProductGroup")
            .WithSummary("A product group with its products in order.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", async (IMediator m, CreateBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateProductGroup(b.Key ?? ""), ct);
            return TypedResults.Created($"/api/admin/v1/product-groups/{created.Id}", created);
        }).WithName("CreateProductGroup")
            .WithSummary("Create a product group by its key; it goes last, with the first client-area view of each kind.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}", async (IMediator m, Guid id, UpdateBody b, CancellationToken ct) =>
        {
            var g = await m.Send(new GetProductGroup(id), ct);
            return await m.Send(new UpdateProductGroup(id, b.Key ?? g.Key, b.Name ?? g.Name, b.Description ?? g.Description, b.IsVisible ?? g.IsVisible,
                b.ListView ?? g.ListView, b.OrderView ?? g.OrderView, b.ManageView ?? g.ManageView), ct);
        }).WithName("UpdateProductGroup")
            .WithSummary("Change a product group; fields left out keep their value ({} empties a translated text).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) =>
        {
            await m.Send(new DeleteProductGroup(id), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteProductGroup")
            .WithSummary("Deletes the group; its products stay.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/reorder", async (IMediator m, IdsBody b, CancellationToken ct) =>
        {
            await m.Send(new ReorderProductGroups(b.Ids ?? []), ct);
            return TypedResults.NoContent();
        }).WithName("ReorderProductGroups")
            .WithSummary("Sets the order of all groups: every group id exactly once.")
            .ProducesValidationProblem();

        group.MapPost("/{id:guid}/products", (IMediator m, Guid id, AddProductsBody b, CancellationToken ct) =>
            m.Send(new AddProductsToGroup(id, b.ProductIds ?? []), ct))
            .WithName("AddProductsToGroup")
            .WithSummary("Adds products at the end of the group.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}/products/{productId:guid}", (IMediator m, Guid id, Guid productId, CancellationToken ct) =>
            m.Send(new RemoveProductFromGroup(id, productId), ct))
            .WithName("RemoveProductFromGroup")
            .WithSummary("Takes a product out of the group (the product stays) and answers the group as it is now.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/products/reorder", (IMediator m, Guid id, IdsBody b, CancellationToken ct) =>
            m.Send(new ReorderGroupProducts(id, b.Ids ?? []), ct))
            .WithName("ReorderGroupProducts")
            .WithSummary("Sets the order of the group's products: every product id of the group exactly once.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapImageSlots<CatalogImageSlot>("ProductGroup", (id, slot, content) => new SetProductGroupImage(id, slot, content));
    }
}
