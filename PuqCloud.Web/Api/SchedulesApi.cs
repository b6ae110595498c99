using MediatR;
using PuqCloud.Core.Features.Automation;

namespace PuqCloud.Web.Api;

public static class SchedulesApi
{
    public sealed record ScheduleBody(string? Cron, bool? Enabled);

    public static void MapSchedules(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/schedules").WithTags("Scheduler");
        group.MapGet("", (IMediator m, CancellationToken ct) => m.Send(new ListSchedules(), ct))
            .WithName("ListSchedules")
            .WithSummary("Every schedule with its tab, cron, switch, last run and next run.");
        group.MapPut("/{key}", async (IMediator m, string key, ScheduleBody b, CancellationToken ct) =>
            {
                var s = await m.Send(new GetSchedule(key), ct);
                return await m.Send(new UpdateSchedule(key, b.Cron ?? s.Cron, b.Enabled ?? s.Enabled), ct);
            })
            .WithName("UpdateSchedule")
            .WithSummary("Change a schedule's cron (five fields, or Quartz's six or seven) and switch; fields left out keep their value.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{key}/reset", (IMediator m, string key, CancellationToken ct) => m.Send(new ResetSchedule(key), ct))
            .WithName("ResetSchedule")
            .WithSummary("Put back the schedule's default cron; its switch stays as it is.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Not cancelled with the request: a caller that stops waiting (an HTTP timeout) leaves the run to end, as the console
        // does; stopping the host cancels it, and the run is then recorded as cancelled.
        group.MapPost("/{key}/run", (IMediator m, string key, IHostApplicationLifetime host) => m.Send(new RunScheduleNow(key), host.ApplicationStopping))
            .WithName("RunScheduleNow")
            .WithSummary("Run a schedule now and answer how the run went; it is recorded like a run of its cron.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
