using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;

namespace PuqCloud.Web.Api;

/// <summary>Query parameters every list of the API takes: `?search=&page=&pageSize=&sort=` (sort "name" or "-name").</summary>
public sealed class ListQuery
{
    public string? Search { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
    public string? Sort { get; init; }

    public PageRequest ToPageRequest() => new(Search, Page ?? 1, PageSize ?? 25, Sort);
}

/// <summary>Image uploads of the API: a multipart form with one file field named "file".</summary>
public static class ApiImages
{
    /// <summary>The form field that carries the picture.</summary>
    public const string FileField = "file";

    /// <summary>
    /// The <see cref="FileField"/> field of a multipart request (empty when there is none). Read by hand rather than bound as an
    /// IFormFile, so that a request without a form still reaches the permission check and gets its 403 or 400.
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.HasFormContentType ? await ReadAsync((await request.ReadFormAsync(cancellationToken)).Files.GetFile(FileField), cancellationToken) : [];

    /// <summary>The uploaded bytes, read up to one byte over the limit so the store can refuse an oversized file.</summary>
    public static async Task<byte[]> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null) return [];
        using var buffer = new MemoryStream();
        await using var stream = file.OpenReadStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0 && buffer.Length <= Core.Files.ImageRules.MaxBytes)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}

/// <summary>What the API's price bodies (of products and of options) share.</summary>
public static class PriceBodies
{
    /// <summary>A period left out of a new price: it reaches the validator, which asks for one (no period is assumed).</summary>
    public const PricePeriod NoPeriod = (PricePeriod)(-1);
}
