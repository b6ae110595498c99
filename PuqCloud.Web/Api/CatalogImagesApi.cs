using MediatR;
using PuqCloud.Core.Features.Catalog;

namespace PuqCloud.Web.Api;

/// <summary>The picture endpoints of a catalog record: `PUT /{id}/images/icon` (multipart, field "file") and `DELETE` to remove.</summary>
public static class CatalogImagesApi
{
    /// <summary>
    /// Maps one PUT and one DELETE per slot as literal paths (no slot parameter, so a bad slot is simply not a route).
    /// The form is read by hand: a body that is not multipart reaches the request as "no file", so the pipeline still
    /// answers permissions first (403) and then the missing file (400).
    /// </summary>
    public static void MapCatalogImages(this RouteGroupBuilder group, Func<Guid, CatalogImageSlot, byte[]?, IRequest<string?>> request)
    {
        foreach (var slot in Enum.GetValues<CatalogImageSlot>())
        {
            var path = $"/{{id:guid}}/images/{slot.ToString().ToLowerInvariant()}";
            group.MapPut(path, async (IMediator m, Guid id, HttpRequest http, CancellationToken ct) =>
                {
                    var file = http.HasFormContentType ? (await http.ReadFormAsync(ct)).Files.GetFile("file") : null;
                    var saved = await m.Send(request(id, slot, await ApiImages.ReadAsync(file, ct)), ct);
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
