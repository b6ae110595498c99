namespace PuqCloud.Core.Domain.Settings;

/// <summary>One stored setting. Typed views over these rows (GeneralSettings) validate and convert them.</summary>
public class Setting
{
    public string Key { get; set; } = "";
    public string? Value { get; set; }
    public DateTime UpdatedAt { get; set; }
}
