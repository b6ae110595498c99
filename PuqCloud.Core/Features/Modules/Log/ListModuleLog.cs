using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

/// <summary>Module Log entries, newest first; filters by module and level, search over action and message.</summary>
[RequiresPermission(Permissions.ModuleLogView)]
public sealed record ListModuleLog(PageRequest Page, LogPeriod Period, string? ModuleKey = null, string? Level = null) : IQuery<PagedResult<ModuleLogEntryDto>>;

public sealed class ListModuleLogHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog) : IRequestHandler<ListModuleLog, PagedResult<ModuleLogEntryDto>>
{
    private static readonly SortMap<ModuleLogEntry> Sorts = new SortMap<ModuleLogEntry>("-at")
        .Add("at", e => e.At)
        .Add("moduleKey", e => e.ModuleKey)
        .Add("action", e => e.Action)
        .Add("level", e => e.Level);

    public async Task<PagedResult<ModuleLogEntryDto>> Handle(ListModuleLog request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ModuleLog.AsNoTracking();
        if (request.Period.FromUtc is { } from) query = query.Where(e => e.At >= from);
        if (request.Period.ToUtc is { } to) query = query.Where(e => e.At < to);
        if (!string.IsNullOrWhiteSpace(request.ModuleKey)) query = query.Where(e => e.ModuleKey == request.ModuleKey);
        if (!string.IsNullOrWhiteSpace(request.Level)) query = query.Where(e => e.Level == request.Level);
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            query = query.Where(e => EF.Functions.Like(e.Action.ToLower(), pattern, "\\") || EF.Functions.Like(e.Message.ToLower(), pattern, "\\")
                || EF.Functions.Like(e.ModuleKey.ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, e => new { e.Id, e.At, e.ModuleKey, e.Action, e.Level, e.Message }, cancellationToken);
        return new PagedResult<ModuleLogEntryDto>(page.Items.Select(e => new ModuleLogEntryDto(e.Id, e.At, e.ModuleKey, ModuleLogRules.NameOf(catalog, e.ModuleKey), e.Action, e.Level, e.Message)).ToList(),
            page.Total, page.Page, page.PageSize);
    }
}
