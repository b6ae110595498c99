using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>One task with its input and output JSON pretty-printed.</summary>
public sealed record TaskDetailDto(TaskDto Task, string? Input, string? Output, string? DedupeKey, int TimeoutSeconds, int BackoffSeconds, string? LockedBy, DateTime? LockedUntil);

[RequiresPermission(Permissions.TasksView)]
public sealed record GetTask(Guid Id) : IQuery<TaskDetailDto>;

public sealed class GetTaskHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetTask, TaskDetailDto>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

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

    public async Task<TaskDetailDto> Handle(GetTask request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var task = await db.QueuedTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such task.");
        return new TaskDetailDto(TaskQueueRules.ToDto(task), Pretty(task.InputJson), Pretty(task.OutputJson), task.DedupeKey, task.TimeoutSeconds, task.BackoffSeconds, task.LockedBy, task.LockedUntil);
    }
}
