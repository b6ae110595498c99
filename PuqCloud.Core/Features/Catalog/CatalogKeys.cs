using FluentValidation;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>
/// Keys of catalog records (products, groups, attributes, options): what modules and automation refer to,
/// so they are short, lower-case and URL-safe: a-z, 0-9, '-', '_' and '.'.
/// </summary>
public static class CatalogKeys
{
    public const int MaxLength = 100;

    public static string Normalize(string? key) => (key ?? "").Trim();

    public static bool IsValid(string? key)
    {
        var k = Normalize(key);
        return k.Length is > 0 and <= MaxLength && k.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.');
    }

    public static IRuleBuilderOptions<T, string?> ValidCatalogKey<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Enter a key, for example proxmox-lxc.")
            .Must(IsValid).WithMessage($"Use at most {MaxLength} lower-case letters, digits, '-', '_' or '.'.");
}
