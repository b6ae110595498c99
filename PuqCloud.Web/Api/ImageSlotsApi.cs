using MediatR;

namespace PuqCloud.Web.Api;

/// <summary>
/// The picture endpoints of a record with image slots (catalog icons and backgrounds, company logos and signatures):
/// `PUT /{id}/images/{slot}` (multipart, field "file") and `DELETE` to remove.
/// </summary>
public static class ImageSlotsApi
{
    /// <summary>
    /// Maps one PUT and one DELETE per slot as literal paths (no slot parameter, so a bad slot is simply not a route).
    /// The form is read by hand: a body that is not multipart reaches the request as "no file", so the pipeline still
    /// answers permissions first (403) and then the missing file (400).
    /// </summary>
    public static void MapImageSlots<TSlot>(this RouteGroupBuilder group, Func<Guid, TSlot, byte[]?, IRequest<string?>> request) where TSlot : struct, Enum
    {
        foreach (var slot in Enum.GetValues<TSlot>())
        {
            var path = $"/{{id:guid}}/images/{slot.ToString().ToLowerInvariant()}";
            group.MapPut(path, async (IMediator m, Guid id, HttpRequest http, CancellationToken ct) =>
                {
                    var saved = await m.Send(request(id, slot, await ApiImages.ReadAsync(http, ct)), ct);
                    return TypedResults.Ok(new ImagePath(saved));
                })
                .WithSummary($"Upload the {slot.ToString().ToLowerInvariant()} (multipart form, field \"file\": PNG, JPEG, WebP or GIF, at most 2 MB).")
                .ProducesValidationProblem();
            group.MapDelete(path, async (IMediator m, Guid id, CancellationToken ct) =>
            {
                await m.Send(request(id, slot, null), ct);
                return TypedResults.NoContent();
            }).WithSummary($"Remove the {slot.ToString().ToLowerInvariant()}.");
        }
    }

    public sealed record ImagePath(string? Path)
    {
        public string? Url => Core.Files.ImageRules.Url(Path);
    }
}
