using PuqCloud.Core.Common;

namespace PuqCloud.Web.Api;

/// <summary>Query parameters every list of the API takes: `?search=&page=&pageSize=&sort=` (sort "name" or "-name").</summary>
public sealed record ListQuery(string? Search, int? Page, int? PageSize, string? Sort)
{
    public PageRequest ToPageRequest() => new(Search, Page ?? 1, PageSize ?? 25, Sort);
}

/// <summary>Image uploads of the API: a multipart form with one file field named "file".</summary>
public static class ApiImages
{
    /// <summary>
    /// The "file" field of a multipart request, or no bytes when the request is not a form: the request's
    /// permission is then still checked first, and the store refuses the empty content (a 415 would come before both).
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await ReadAsync(request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken)).Files["file"] : null, cancellationToken);

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
