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
            .WithSummary("Attribute groups, paged; search by key or name; sort by key, isVisible or attributeCount.");
        group.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetAttributeGroup(id), ct))
            .WithSummary("An attribute group with its attributes.");
        group.MapPost("", async (IMediator m, AttributeGroupBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateAttributeGroup(b.Key ?? "", b.Name, b.Description, b.IsVisible ?? true), ct);
            return TypedResults.Created($"{root}/{created.Id}", created);
        }).WithSummary("Create a group: its key, and its name, description and visibility (visible unless isVisible is false).").ProducesValidationProblem();
        group.MapPut("/{id:guid}", async (IMediator m, Guid id, AttributeGroupBody b, CancellationToken ct) =>
        {
            var g = await m.Send(new GetAttributeGroup(id), ct);
            return await m.Send(new UpdateAttributeGroup(id, b.Key ?? g.Key, b.Name ?? g.Name, b.Description ?? g.Description, b.IsVisible ?? g.IsVisible), ct);
        }).WithSummary("Change a group; fields left out keep their value ({} empties a translated text).").ProducesValidationProblem();
        group.MapDelete("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) =>
        {
            await m.Send(new DeleteAttributeGroup(id), ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete the group and its attributes; products that carried them lose them.");
        group.MapImageSlots<CatalogImageSlot>((id, slot, content) => new SetAttributeGroupImage(id, slot, content));

        group.MapGet("/{id:guid}/attributes", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListAttributes(id), ct));
        group.MapPost("/{id:guid}/attributes", async (IMediator m, Guid id, AttributeBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateAttribute(id, b.Key ?? "", b.Name, b.IsVisible ?? false), ct);
            return TypedResults.Created($"{root}/{id}/attributes/{created.Id}", created);
        }).ProducesValidationProblem();
        group.MapPut("/{id:guid}/attributes/{attributeId:guid}", async (IMediator m, Guid id, Guid attributeId, AttributeBody b, CancellationToken ct) =>
        {
            var a = await m.Send(new GetAttribute(id, attributeId), ct);
            return await m.Send(new UpdateAttribute(id, attributeId, b.Key ?? a.Key, b.Name ?? a.Name, b.IsVisible ?? a.IsVisible), ct);
        }).WithSummary("Change an attribute; fields left out keep their value.").ProducesValidationProblem();
        group.MapDelete("/{id:guid}/attributes/{attributeId:guid}", async (IMediator m, Guid id, Guid attributeId, CancellationToken ct) =>
        {
            await m.Send(new DeleteAttribute(id, attributeId), ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete the attribute; products that carry it lose it.");
    }
}
