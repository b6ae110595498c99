using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>The task list: a period of creation, an optional status and queue, and a search in name, id and tags; newest first.</summary>
[RequiresPermission(Permissions.TasksView)]
public sealed record ListTasks(PageRequest Page, LogPeriod Period, QueuedTaskStatus? Status = null, string? Queue = null) : IQuery<PagedResult<TaskDto>>;

public sealed class ListTasksHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListTasks, PagedResult<TaskDto>>
{
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
            // An id is the task's own, or one its tags or lane carry (a service's, a client's): pasted from the service's page,
            // it found nothing while the tags named it.
            if (Guid.TryParse(search, out var id))
            {
                // Tags and lanes hold the id as written by default (lower case, with hyphens), whatever form was pasted.
                var idPattern = PagingExtensions.LikePattern(id.ToString());
                query = query.Where(t => t.Id == id || EF.Functions.Like((t.Tags ?? "").ToLower(), idPattern, "\\") || EF.Functions.Like((t.Lane ?? "").ToLower(), idPattern, "\\"));
            }
            else
                query = query.Where(t => EF.Functions.Like(t.Name.ToLower(), pattern, "\\") || EF.Functions.Like((t.Tags ?? "").ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, t => t, cancellationToken);
        return new PagedResult<TaskDto>(page.Items.Select(TaskQueueRules.ToDto).ToList(), page.Total, page.Page, page.PageSize);
    }
}
