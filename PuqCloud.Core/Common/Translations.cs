using FluentValidation;

namespace PuqCloud.Core.Common;

/// <summary>
/// A translatable text: one value per language code of <see cref="Languages"/>. Entities keep it as a
/// dictionary (stored as JSON); readers ask for their language and fall back to the default language,
/// then to any value, then to the caller's fallback (usually the record's key).
/// </summary>
public static class Translations
{
    public static string Resolve(IReadOnlyDictionary<string, string>? texts, string? language, string fallback = "")
    {
        if (texts is null || texts.Count == 0) return fallback;
        if (language is not null && texts.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text)) return text;
        if (texts.TryGetValue(Languages.Default, out text) && !string.IsNullOrWhiteSpace(text)) return text;
        return texts.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? fallback;
    }

    /// <summary>The input as it is stored: known languages only, trimmed, empty values dropped.</summary>
    public static Dictionary<string, string> Normalize(IReadOnlyDictionary<string, string>? texts) =>
        texts is null ? [] : texts
            .Where(t => Languages.IsSupported(t.Key) && !string.IsNullOrWhiteSpace(t.Value))
            .ToDictionary(t => t.Key, t => t.Value.Trim(), StringComparer.Ordinal);

    /// <summary>Field rules for a translatable text: known languages, each value at most <paramref name="maxLength"/>.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyDictionary<string, string>?> ValidTranslations<T>(
        this IRuleBuilder<T, IReadOnlyDictionary<string, string>?> rule, int maxLength) =>
        rule
            .Must(t => t is null || t.Keys.All(Languages.IsSupported))
            .WithMessage($"Use the language codes {string.Join(", ", Languages.All)}.")
            .Must(t => t is null || t.Values.All(v => v is null || v.Trim().Length <= maxLength))
            .WithMessage($"Each translation may have at most {maxLength} characters.");
}
