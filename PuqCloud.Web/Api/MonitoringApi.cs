using MediatR;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Features.Monitoring;

namespace PuqCloud.Web.Api;

/// <summary>Admin Sessions, Client Sessions, the Activity Log and the Task Queue: `?search=&page=&pageSize=&sort=&from=&to=` (from inclusive, to exclusive, UTC).</summary>
public static class MonitoringApi
{
    public static void MapMonitoring(this RouteGroupBuilder v1)
    {
        v1.MapGet("/admin-sessions", (IMediator m, [AsParameters] ListQuery q, DateTime? from, DateTime? to, bool? hideMe, CancellationToken ct) =>
                m.Send(new ListAdminSessions(q.ToPageRequest(), new LogPeriod(from, to), hideMe ?? false), ct))
            .WithTags("Monitoring")
            .WithName("ListAdminSessions")
            .WithSummary("Requests of staff members (web and API), newest first; hideMe=true leaves out your own. Sort by at, name, email, ip, url, channel or method.")
            .ProducesValidationProblem();

        v1.MapGet("/client-sessions", (IMediator m, [AsParameters] ListQuery q, DateTime? from, DateTime? to, CancellationToken ct) =>
                m.Send(new ListClientSessions(q.ToPageRequest(), new LogPeriod(from, to)), ct))
            .WithTags("Monitoring")
            .WithName("ListClientSessions")
            .WithSummary("Requests of client users, newest first, with their client. The search also matches the client's name.")
            .ProducesValidationProblem();

        var activity = v1.MapGroup("/activity-log").WithTags("Monitoring");
        activity.MapGet("", (IMediator m, [AsParameters] ListQuery q, DateTime? from, DateTime? to, CancellationToken ct) =>
                m.Send(new ListActivityLog(q.ToPageRequest(), new LogPeriod(from, to)), ct))
            .WithName("ListActivityLog")
            .WithSummary("Commands of staff, client users and the system, newest first. Sort by at, actorName, action, succeeded, ip or channel.")
            .ProducesValidationProblem();
        activity.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetActivityLogEntry(id), ct))
            .WithName("GetActivityLogEntry")
            .WithSummary("One entry with the before and after of every field it changed.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var tasks = v1.MapGroup("/tasks").WithTags("Monitoring");
        tasks.MapGet("", (IMediator m, [AsParameters] ListQuery q, DateTime? from, DateTime? to, QueuedTaskStatus? status, string? queue, CancellationToken ct) =>
                m.Send(new ListTasks(q.ToPageRequest(), new LogPeriod(from, to), status, queue), ct))
            .WithName("ListTasks")
            .WithSummary("The task queue, newest first: status (Queued, Processing, Completed, Failed, Duplicate), queue, a creation period, and a search in name, id and tags. Sort by created, started, finished, name, queue, status or tries.")
            .ProducesValidationProblem();
        tasks.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetTask(id), ct))
            .WithName("GetTask")
            .WithSummary("One task with its input and output JSON and its last error.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
