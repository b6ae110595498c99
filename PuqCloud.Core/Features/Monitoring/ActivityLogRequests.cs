using System.Text;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

public sealed record ActivityLogEntryDto(Guid Id, DateTime At, ActorKind ActorKind, Guid? ActorId, string? ActorName, string Action, string ActionText,
    bool Succeeded, string? Error, string? Ip, string Channel, int ChangeCount);

/// <summary>One field of a changed entity: its value before and after (null before = created, null after = deleted).</summary>
public sealed record FieldChangeDto(string Field, string? Before, string? After);

public sealed record EntityChangeDto(string Entity, string? Id, string State, IReadOnlyList<FieldChangeDto> Fields);

public sealed record ActivityLogDetailDto(ActivityLogEntryDto Entry, IReadOnlyList<EntityChangeDto> Changes);

/// <summary>Commands of people and the system, newest first.</summary>
[RequiresPermission(Permissions.ActivityLogView)]
public sealed record ListActivityLog(PageRequest Page, LogPeriod Period) : IQuery<PagedResult<ActivityLogEntryDto>>;

/// <summary>One activity-log entry with the before/after of every field it changed.</summary>
[RequiresPermission(Permissions.ActivityLogView)]
public sealed record GetActivityLogEntry(Guid Id) : IQuery<ActivityLogDetailDto>;

/// <summary>Request names as people read them: "UpdateGeneralSettings" → "Update general settings".</summary>
public static class ActivityActions
{
    private static readonly Dictionary<string, string> Acronyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["api"] = "API", ["ip"] = "IP", ["totp"] = "TOTP", ["url"] = "URL", ["dns"] = "DNS", ["ssl"] = "SSL", ["id"] = "ID",
    };

    public static string Readable(string action)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < action.Length; i++)
        {
            var c = action[i];
            var boundary = char.IsUpper(c) && word.Length > 0 &&
                (!char.IsUpper(action[i - 1]) || i + 1 < action.Length && char.IsLower(action[i + 1]));
            if (boundary || c is '_' or ' ')
            {
                if (word.Length > 0) words.Add(word.ToString());
                word.Clear();
                if (c is '_' or ' ') continue;
            }
            word.Append(c);
        }
        if (word.Length > 0) words.Add(word.ToString());
        var text = words.Select((w, index) => Acronyms.TryGetValue(w, out var acronym) ? acronym
            : w.All(char.IsUpper) && w.Length > 1 ? w
            : index == 0 ? char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant() : w.ToLowerInvariant());
        return string.Join(' ', text);
    }
}

public sealed class ActivityLogHandlers(IDbContextFactory<AppDbContext> contexts) :
    IRequestHandler<ListActivityLog, PagedResult<ActivityLogEntryDto>>,
    IRequestHandler<GetActivityLogEntry, ActivityLogDetailDto>
{
    private static readonly SortMap<ActivityLogEntry> Sorts = new SortMap<ActivityLogEntry>("-at")
        .Add("at", e => e.At)
        .Add("actorName", e => e.ActorName)
        .Add("action", e => e.Action)
        .Add("succeeded", e => e.Succeeded)
        .Add("ip", e => e.Ip)
        .Add("channel", e => e.Channel);

    public async Task<PagedResult<ActivityLogEntryDto>> Handle(ListActivityLog request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ActivityLog.AsNoTracking();
        if (request.Period.FromUtc is { } from) query = query.Where(e => e.At >= from);
        if (request.Period.ToUtc is { } to) query = query.Where(e => e.At < to);
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            // "general settings" finds UpdateGeneralSettings; ids and values are found in the changes.
            var actionPattern = PagingExtensions.LikePattern(search.Replace(" ", ""));
            query = query.Where(e =>
                EF.Functions.Like((e.ActorName ?? "").ToLower(), pattern, "\\") || EF.Functions.Like(e.Action.ToLower(), actionPattern, "\\") ||
                EF.Functions.Like((e.Ip ?? "").ToLower(), pattern, "\\") || EF.Functions.Like((e.Error ?? "").ToLower(), pattern, "\\") ||
                EF.Functions.Like((e.Changes ?? "").ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, e => e, cancellationToken);
        return new PagedResult<ActivityLogEntryDto>(page.Items.Select(e => ToDto(e, ParseChanges(e.Changes).Count)).ToList(), page.Total, page.Page, page.PageSize);
    }

    public async Task<ActivityLogDetailDto> Handle(GetActivityLogEntry request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = await db.ActivityLog.AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such activity-log entry.");
        var changes = ParseChanges(entry.Changes);
        return new ActivityLogDetailDto(ToDto(entry, changes.Count), changes);
    }

    private static ActivityLogEntryDto ToDto(ActivityLogEntry e, int changes) =>
        new(e.Id, e.At, e.ActorKind, e.ActorId, e.ActorName, e.Action, ActivityActions.Readable(e.Action), e.Succeeded, e.Error, e.Ip, e.Channel, changes);

    /// <summary>The audit's JSON (a list of EntityChange) as rows of field, before and after.</summary>
    private static IReadOnlyList<EntityChangeDto> ParseChanges(string? json)
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

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string?> Values(JsonElement change, string property)
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
