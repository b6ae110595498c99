using MediatR;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

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
    /// answers permissions first (403) and then the missing file (400). <paramref name="record"/> names the record in the
    /// operation ids (UploadProductIcon, DeleteProductIcon).
    /// </summary>
    public static void MapImageSlots<TSlot>(this RouteGroupBuilder group, string record, Func<Guid, TSlot, byte[]?, IRequest<string?>> request)
        where TSlot : struct, Enum
    {
        foreach (var slot in Enum.GetValues<TSlot>())
        {
            var path = $"/{{id:guid}}/images/{slot.ToString().ToLowerInvariant()}";
            group.MapPut(path, async (IMediator m, Guid id, HttpRequest http, CancellationToken ct) =>
                {
                    var saved = await m.Send(request(id, slot, await ApiImages.ReadAsync(http, ct)), ct);
                    return TypedResults.Ok(new ImagePath(saved));
                })
                .WithName($"Upload{record}{slot}")
                .WithSummary($"Upload the {slot.ToString().ToLowerInvariant()} (multipart form, field \"{ApiImages.FileField}\": PNG, JPEG, WebP or GIF, at most 2 MB).")
                .AddOpenApiOperationTransformer(DescribeForm)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
            group.MapDelete(path, async (IMediator m, Guid id, CancellationToken ct) =>
                {
                    await m.Send(request(id, slot, null), ct);
                    return TypedResults.NoContent();
                })
                .WithName($"Delete{record}{slot}")
                .WithSummary($"Remove the {slot.ToString().ToLowerInvariant()}.")
                .ProducesProblem(StatusCodes.Status404NotFound);
        }
    }

    public sealed record ImagePath(string? Path)
    {
        public string? Url => Core.Files.ImageRules.Url(Path);
    }

    /// <summary>
    /// The body the PUT reads by hand, stated in the API document: a multipart form with one binary field. (Binding it as
    /// an IFormFile or declaring Accepts would describe it too, but would bring antiforgery or a 415 and change the answers.)
    /// </summary>
    private static Task DescribeForm(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A multipart form with the picture in its \"" + ApiImages.FileField + "\" field.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { ApiImages.FileField },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [ApiImages.FileField] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String,
                                Format = "binary",
                                Description = "The picture: PNG, JPEG, WebP or GIF (the bytes decide, not the name), at most 2 MB.",
                            },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
