using Microsoft.EntityFrameworkCore;

namespace PuqCloud.Core.Files;

/// <summary>How a record's picture is replaced: catalog icons and backgrounds, company logos and signatures alike.</summary>
public static class ImageReplacement
{
    /// <summary>
    /// Stores the new picture (null content removes it), points the record at it through <paramref name="setPath"/>
    /// and saves; the old file is deleted only once the record no longer refers to it, and a new file whose save
    /// failed is deleted again. Answers the new relative path.
    /// </summary>
    public static async Task<string?> ReplaceAsync(this IImageStore images, DbContext db, string folder, byte[]? content,
        string? oldPath, Action<string?> setPath, CancellationToken cancellationToken)
    {
        var path = content is null ? null : await images.SaveAsync(folder, "Content", content, cancellationToken);
        setPath(path);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            images.Delete(path);
            throw;
        }
        images.Delete(oldPath);
        return path;
    }
}
