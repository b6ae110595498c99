using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>Steps that several ActivityLog use cases share.</summary>
internal static class ActivityLogRules
{
    internal static ActivityLogEntryDto ToDto(ActivityLogEntry e, int changes) =>
        new(e.Id, e.At, e.ActorKind, e.ActorId, e.ActorName, e.Action, ActivityActions.Readable(e.Action), e.Succeeded, e.Error, e.Ip, e.Channel, changes);

    /// <summary>The audit's JSON (a list of EntityChange) as rows of field, before and after.</summary>
    internal static IReadOnlyList<EntityChangeDto> ParseChanges(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array) return [];
        var result = new List<EntityChangeDto>();
        foreach (var change in document.RootElement.EnumerateArray())
        {
            var before = Values(change, nameof(EntityChange.Before));
            var after = Values(change, nameof(EntityChange.After));
            var fields = before.Keys.Concat(after.Keys).Distinct()
                .Select(field => new FieldChangeDto(field, before.GetValueOrDefault(field), after.GetValueOrDefault(field)))
                .ToList();
            result.Add(new EntityChangeDto(Text(change, nameof(EntityChange.Entity)) ?? "", Text(change, nameof(EntityChange.Id)), Text(change, nameof(EntityChange.State)) ?? "", fields));
        }
        return result;
    }

    internal static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static Dictionary<string, string?> Values(JsonElement change, string property)
    {
        var values = new Dictionary<string, string?>();
        if (!change.TryGetProperty(property, out var element) || element.ValueKind != JsonValueKind.Object) return values;
        foreach (var field in element.EnumerateObject())
        {
            values[field.Name] = field.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => field.Value.GetString(),
                _ => field.Value.GetRawText(),
            };
        }
        return values;
    }
}
