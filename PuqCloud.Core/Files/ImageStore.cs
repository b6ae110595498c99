using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Files;

/// <summary>
/// Pictures of the catalog and of home companies (icons, backgrounds, logos, signatures). A handler checks
/// the bytes and stores them; the record keeps only the returned relative path, and the web host serves it
/// under <see cref="UrlPrefix"/>. Files are immutable: a new upload gets a new name, so caches never go stale.
/// </summary>
public interface IImageStore
{
    /// <summary>
    /// Checks the content (PNG, JPEG, WebP or GIF, recognised by its bytes, at most <see cref="ImageRules.MaxBytes"/>)
    /// and stores it in <paramref name="folder"/> ("products", "home-companies"…). Refuses bad input with a
    /// <see cref="RequestValidationException"/> on <paramref name="field"/>. Returns the relative path.
    /// </summary>
    Task<string> SaveAsync(string folder, string field, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Removes a stored image; unknown or empty paths are ignored.</summary>
    void Delete(string? path);

    /// <summary>The file of a stored image, or null when the path is not one this store made.</summary>
    (string FullPath, string ContentType)? Find(string path);
}

/// <summary>What an uploaded image may be.</summary>
public static class ImageRules
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const string UrlPrefix = "/files/images/";

    /// <summary>The browser URL of a stored image, or null.</summary>
    public static string? Url(string? path) => string.IsNullOrEmpty(path) ? null : UrlPrefix + path;

    /// <summary>The image kind by its first bytes: (extension, content type), or null when it is not an accepted image.</summary>
    public static (string Extension, string ContentType)? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) return (".png", "image/png");
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return (".jpg", "image/jpeg");
        if (b.Length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9') && b[5] == 'a') return (".gif", "image/gif");
        if (b.Length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') return (".webp", "image/webp");
        // SVG is refused on purpose: it can carry script.
        return null;
    }
}

/// <summary>Images as files under <c>{Storage:DataPath}/images/</c>.</summary>
public sealed class FileImageStore(DatabaseOptions database) : IImageStore
{
    private readonly string _root = Path.GetFullPath(Path.Combine(database.DataPath, "images"));

    public async Task<string> SaveAsync(string folder, string field, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (content.Length == 0) throw RequestValidationException.For(field, "Choose an image file.");
        if (content.Length > ImageRules.MaxBytes) throw RequestValidationException.For(field, $"The image is too large: at most {ImageRules.MaxBytes / 1024 / 1024} MB.");
        var kind = ImageRules.Sniff(content.Span) ?? throw RequestValidationException.For(field, "Use a PNG, JPEG, WebP or GIF image.");
        if (!IsFolderName(folder)) throw new ArgumentException("Image folders are lower-case words with dashes.", nameof(folder));
        var relative = $"{folder}/{Guid.CreateVersion7():N}{kind.Extension}";
        var full = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, content.ToArray(), cancellationToken);
        return relative;
    }

    public void Delete(string? path)
    {
        if (path is not null && Find(path) is { } file) File.Delete(file.FullPath);
    }

    public (string FullPath, string ContentType)? Find(string path)
    {
        // Only "folder/name.ext" as SaveAsync makes it: no way out of the images folder.
        var parts = path.Split('/');
        if (parts.Length != 2 || !IsFolderName(parts[0])) return null;
        var extension = Path.GetExtension(parts[1]);
        var contentType = extension switch { ".png" => "image/png", ".jpg" => "image/jpeg", ".gif" => "image/gif", ".webp" => "image/webp", _ => null };
        if (contentType is null || !Guid.TryParseExact(Path.GetFileNameWithoutExtension(parts[1]), "N", out _)) return null;
        var full = Path.Combine(_root, parts[0], parts[1]);
        return File.Exists(full) ? (full, contentType) : null;
    }

    private static bool IsFolderName(string folder) =>
        folder.Length is > 0 and <= 50 && folder.All(c => c is (>= 'a' and <= 'z') or '-');
}
