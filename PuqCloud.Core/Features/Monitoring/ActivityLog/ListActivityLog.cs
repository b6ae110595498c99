using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>Commands of people and the system, newest first.</summary>
[RequiresPermission(Permissions.ActivityLogView)]
public sealed record ListActivityLog(PageRequest Page, LogPeriod Period) : IQuery<PagedResult<ActivityLogEntryDto>>;

public sealed class ListActivityLogHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListActivityLog, PagedResult<ActivityLogEntryDto>>
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
        return new PagedResult<ActivityLogEntryDto>(page.Items.Select(e => ActivityLogRules.ToDto(e, ActivityLogRules.ParseChanges(e.Changes).Count)).ToList(), page.Total, page.Page, page.PageSize);
    }
}
