using MediatR;
using PuqCloud.Core.Features.Catalog;

namespace PuqCloud.Web.Api;

public static class AttributeGroupsApi
{
    public sealed record AttributeGroupBody(string? Key, Dictionary<string, string>? Name, Dictionary<string, string>? Description, bool? IsVisible);
    public sealed record AttributeBody(string? Key, Dictionary<string, string>? Name, bool? IsVisible);

    public static void MapAttributeGroups(this RouteGroupBuilder v1)
    {
        const string root = "/api/admin/v1/attribute-groups";
        var group = v1.MapGroup("/attribute-groups").WithTags("Attribute groups");
        group.MapGet("", (IMediator m, [AsParameters] ListQuery q, CancellationToken ct) => m.Send(new ListAttributeGroups(q.ToPageRequest()), ct))
            .WithName("ListAttributeGroups")
            .WithSummary("Attribute groups, paged; search by key or name; sort by key, isVisible or attributeCount.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetAttributeGroup(id), ct))
            .WithName("GetAttributeGroup")
            .WithSummary("An attribute group with its attributes.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", async (IMediator m, AttributeGroupBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateAttributeGroup(b.Key ?? "", b.Name, b.Description, b.IsVisible ?? true), ct);
            return TypedResults.Created($"{root}/{created.Id}", created);
        }).WithName("CreateAttributeGroup")
            .WithSummary("Create a group: its key, and its name, description and visibility (visible unless isVisible is false).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}", async (IMediator m, Guid id, AttributeGroupBody b, CancellationToken ct) =>
        {
            var g = await m.Send(new GetAttributeGroup(id), ct);
            return await m.Send(new UpdateAttributeGroup(id, b.Key ?? g.Key, b.Name ?? g.Name, b.Description ?? g.Description, b.IsVisible ?? g.IsVisible), ct);
        }).WithName("UpdateAttributeGroup")
            .WithSummary("Change a group; fields left out keep their value ({} empties a translated text).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) =>
        {
            await m.Send(new DeleteAttributeGroup(id), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteAttributeGroup")
            .WithSummary("Delete the group and its attributes; products that carried them lose them.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapImageSlots<CatalogImageSlot>("AttributeGroup", (id, slot, content) => new SetAttributeGroupImage(id, slot, content));

        group.MapGet("/{id:guid}/attributes", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListAttributes(id), ct))
            .WithName("ListAttributes")
            .WithSummary("The group's attributes by key, each with the number of products that carry it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/attributes", async (IMediator m, Guid id, AttributeBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateAttribute(id, b.Key ?? "", b.Name, b.IsVisible ?? false), ct);
            return TypedResults.Created($"{root}/{id}/attributes/{created.Id}", created);
        }).WithName("CreateAttribute")
            .WithSummary("Add an attribute to the group: a key unique across all groups, its name, and its visibility (hidden unless isVisible is true).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/attributes/{attributeId:guid}", async (IMediator m, Guid id, Guid attributeId, AttributeBody b, CancellationToken ct) =>
        {
            var a = await m.Send(new GetAttribute(id, attributeId), ct);
            return await m.Send(new UpdateAttribute(id, attributeId, b.Key ?? a.Key, b.Name ?? a.Name, b.IsVisible ?? a.IsVisible), ct);
        }).WithName("UpdateAttribute")
            .WithSummary("Change an attribute; fields left out keep their value.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}/attributes/{attributeId:guid}", async (IMediator m, Guid id, Guid attributeId, CancellationToken ct) =>
        {
            await m.Send(new DeleteAttribute(id, attributeId), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteAttribute")
            .WithSummary("Delete the attribute; products that carry it lose it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
