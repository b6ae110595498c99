using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Live;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

public sealed record ModuleLogEntryDto(Guid Id, DateTime At, string ModuleKey, string ModuleName, string Action, string Level, string Message);

public sealed record ModuleLogDetailDto(ModuleLogEntryDto Entry, string? Request, string? Response);

/// <summary>A module the log can be filtered by.</summary>
public sealed record ModuleLogModule(string Key, string Name);

/// <summary>Module Log entries, newest first; filters by module and level, search over action and message.</summary>
[RequiresPermission(Permissions.ModuleLogView)]
public sealed record ListModuleLog(PageRequest Page, LogPeriod Period, string? ModuleKey = null, string? Level = null) : IQuery<PagedResult<ModuleLogEntryDto>>;

[RequiresPermission(Permissions.ModuleLogView)]
public sealed record GetModuleLogEntry(Guid Id) : IQuery<ModuleLogDetailDto>;

[RequiresPermission(Permissions.ModuleLogView)]
public sealed record ListModuleLogModules : IQuery<IReadOnlyList<ModuleLogModule>>;

/// <summary>Empties the Module Log; answers how many entries went.</summary>
[RequiresPermission(Permissions.ModuleLogDelete)]
public sealed record DeleteAllModuleLog : ICommand<int>;

public sealed class ModuleLogHandlers(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog, ILiveEvents live) :
    IRequestHandler<ListModuleLog, PagedResult<ModuleLogEntryDto>>,
    IRequestHandler<GetModuleLogEntry, ModuleLogDetailDto>,
    IRequestHandler<ListModuleLogModules, IReadOnlyList<ModuleLogModule>>,
    IRequestHandler<DeleteAllModuleLog, int>
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
        return new PagedResult<ModuleLogEntryDto>(page.Items.Select(e => new ModuleLogEntryDto(e.Id, e.At, e.ModuleKey, NameOf(e.ModuleKey), e.Action, e.Level, e.Message)).ToList(),
            page.Total, page.Page, page.PageSize);
    }

    public async Task<ModuleLogDetailDto> Handle(GetModuleLogEntry request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var e = await db.ModuleLog.AsNoTracking().FirstOrDefaultAsync(x => x.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such Module Log entry.");
        return new ModuleLogDetailDto(new ModuleLogEntryDto(e.Id, e.At, e.ModuleKey, NameOf(e.ModuleKey), e.Action, e.Level, e.Message), e.Request, e.Response);
    }

    public Task<IReadOnlyList<ModuleLogModule>> Handle(ListModuleLogModules request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ModuleLogModule>>(catalog.Modules.Select(m => new ModuleLogModule(m.Key, m.Manifest.Name)).ToList());

    public async Task<int> Handle(DeleteAllModuleLog request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.ModuleLog.ExecuteDeleteAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(EngineTopics.ModuleLog), cancellationToken);
        return deleted;
    }

    // Entries of a module that is no longer in the code keep its key as their name.
    private string NameOf(string key) => catalog.Find(key)?.Manifest.Name ?? key;
}
