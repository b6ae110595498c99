using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>Steps that several TaskQueue use cases share.</summary>
internal static class TaskQueueRules
{
    internal static TaskDto ToDto(QueuedTask t) =>
        new(t.Id, t.Name, t.Queue, t.Status, t.Tries, t.MaxTries, TaskQueue.SplitTags(t.Tags), t.CreatedAt, t.AvailableAt, t.StartedAt, t.FinishedAt, t.Error);
}
