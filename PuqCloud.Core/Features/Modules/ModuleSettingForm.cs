using System.Globalization;
using PuqCloud.Core.Common;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Modules;

/// <summary>A value of a settings form as it is stored: secrets already encrypted.</summary>
public readonly record struct StoredSetting(string? Value, bool IsSecret);

/// <summary>
/// The rules of a form a module declares (its own settings, or the per-product settings of a Product module):
/// checking and normalising what a person entered, encrypting secrets, and describing the fields with their
/// saved values without ever giving a secret back.
/// </summary>
public static class ModuleSettingForm
{
    public const int MaxSecretLength = 1000;
    public const int MaxValueLength = 4000;

    /// <summary>
    /// The values to store per field key. A secret left empty is missing from the answer: the saved one stays
    /// (the form never receives it, so it cannot send it back). Bad values are refused with field errors.
    /// </summary>
    /// <param name="secretIsSet">whether a secret field already has a saved value (a required one may then stay empty)</param>
    public static IReadOnlyDictionary<string, StoredSetting> Read(IReadOnlyList<ModuleSettingField> fields, IReadOnlyDictionary<string, string?> values,
        Func<string, bool> secretIsSet, ISecretProtector secrets)
    {
        var stored = new Dictionary<string, StoredSetting>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var value = values.GetValueOrDefault(field.Key)?.Trim();
            if (value is { Length: 0 }) value = null;
            if (field.Type == ModuleSettingType.Secret)
            {
                if (value is null)
                {
                    if (field.Required && !secretIsSet(field.Key)) errors[field.Key] = [$"Enter {field.Label}."];
                    continue;
                }
                if (value.Length > MaxSecretLength) errors[field.Key] = [$"Use at most {MaxSecretLength} characters."];
                else stored[field.Key] = new StoredSetting(secrets.Protect(value), IsSecret: true);
                continue;
            }
            if (Check(field, value) is { } error) errors[field.Key] = [error];
            else stored[field.Key] = new StoredSetting(Normalize(field, value), IsSecret: false);
        }
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return stored;
    }

    /// <summary>The fields with their saved values (or defaults); a secret carries only whether it is set.</summary>
    public static IReadOnlyList<ModuleSettingDto> Describe(IReadOnlyList<ModuleSettingField> fields, Func<string, string?> saved) =>
        fields.Select(f =>
        {
            var value = saved(f.Key);
            var isSecret = f.Type == ModuleSettingType.Secret;
            return new ModuleSettingDto(f.Key, f.Label, f.Type, f.Required, isSecret ? null : f.DefaultValue, f.Description, f.Options ?? [],
                isSecret ? null : value ?? f.DefaultValue, value is { Length: > 0 });
        }).ToList();

    private static string? Check(ModuleSettingField field, string? value)
    {
        if (value is null) return field.Required ? $"Enter {field.Label}." : null;
        if (value.Length > MaxValueLength) return $"Use at most {MaxValueLength} characters.";
        return field.Type switch
        {
            ModuleSettingType.Number when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => "Enter a number.",
            ModuleSettingType.Boolean when !bool.TryParse(value, out _) => "Choose on or off.",
            ModuleSettingType.Select when !(field.Options ?? []).Contains(value, StringComparer.Ordinal) => $"Choose one of: {string.Join(", ", field.Options ?? [])}.",
            _ => null,
        };
    }

    private static string? Normalize(ModuleSettingField field, string? value) => value is null ? null : field.Type switch
    {
        ModuleSettingType.Number => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        ModuleSettingType.Boolean => bool.Parse(value) ? "true" : "false",
        _ => value,
    };
}
