using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

public sealed record TaskDto(Guid Id, string Name, string Queue, QueuedTaskStatus Status, int Tries, int MaxTries, IReadOnlyList<string> Tags,
    DateTime CreatedAt, DateTime AvailableAt, DateTime? StartedAt, DateTime? FinishedAt, string? Error);

/// <summary>One task with its input and output JSON pretty-printed.</summary>
public sealed record TaskDetailDto(TaskDto Task, string? Input, string? Output, string? DedupeKey, int TimeoutSeconds, int BackoffSeconds, string? LockedBy, DateTime? LockedUntil);

/// <summary>The task list: a period of creation, an optional status and queue, and a search in name, id and tags; newest first.</summary>
[RequiresPermission(Permissions.TasksView)]
public sealed record ListTasks(PageRequest Page, LogPeriod Period, QueuedTaskStatus? Status = null, string? Queue = null) : IQuery<PagedResult<TaskDto>>;

[RequiresPermission(Permissions.TasksView)]
public sealed record GetTask(Guid Id) : IQuery<TaskDetailDto>;

/// <summary>The queues that have tasks, for the queue filter.</summary>
[RequiresPermission(Permissions.TasksView)]
public sealed record ListTaskQueues : IQuery<IReadOnlyList<string>>;

public sealed class TaskQueueHandlers(IDbContextFactory<AppDbContext> contexts) :
    IRequestHandler<ListTasks, PagedResult<TaskDto>>,
    IRequestHandler<GetTask, TaskDetailDto>,
    IRequestHandler<ListTaskQueues, IReadOnlyList<string>>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly SortMap<QueuedTask> Sorts = new SortMap<QueuedTask>("-created")
        .Add("created", t => t.CreatedAt)
        .Add("started", t => t.StartedAt)
        .Add("finished", t => t.FinishedAt)
        .Add("name", t => t.Name)
        .Add("queue", t => t.Queue)
        .Add("status", t => t.Status)
        .Add("tries", t => t.Tries);

    public async Task<PagedResult<TaskDto>> Handle(ListTasks request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.QueuedTasks.AsNoTracking();
        if (request.Period.FromUtc is { } from) query = query.Where(t => t.CreatedAt >= from);
        if (request.Period.ToUtc is { } to) query = query.Where(t => t.CreatedAt < to);
        if (request.Status is { } status) query = query.Where(t => t.Status == status);
        if (!string.IsNullOrWhiteSpace(request.Queue))
        {
            var queue = request.Queue.Trim();
            query = query.Where(t => t.Queue == queue);
        }
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            if (Guid.TryParse(search, out var id))
                query = query.Where(t => t.Id == id);
            else
                query = query.Where(t => EF.Functions.Like(t.Name.ToLower(), pattern, "\\") || EF.Functions.Like((t.Tags ?? "").ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, t => t, cancellationToken);
        return new PagedResult<TaskDto>(page.Items.Select(ToDto).ToList(), page.Total, page.Page, page.PageSize);
    }

    public async Task<TaskDetailDto> Handle(GetTask request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var task = await db.QueuedTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such task.");
        return new TaskDetailDto(ToDto(task), Pretty(task.InputJson), Pretty(task.OutputJson), task.DedupeKey, task.TimeoutSeconds, task.BackoffSeconds, task.LockedBy, task.LockedUntil);
    }

    public async Task<IReadOnlyList<string>> Handle(ListTaskQueues request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.QueuedTasks.AsNoTracking().Select(t => t.Queue).Distinct().OrderBy(q => q).ToListAsync(cancellationToken);
    }

    private static TaskDto ToDto(QueuedTask t) =>
        new(t.Id, t.Name, t.Queue, t.Status, t.Tries, t.MaxTries, TaskQueue.SplitTags(t.Tags), t.CreatedAt, t.AvailableAt, t.StartedAt, t.FinishedAt, t.Error);

    /// <summary>JSON indented for reading; text that is not JSON is shown as it is.</summary>
    public static string? Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
