using Quartz;

namespace PuqCloud.Core.Engine.Scheduling;

/// <summary>
/// The one Quartz job class of every schedule: one job per enabled schedule, keyed by the schedule's key.
/// Quartz never starts a job while the same job runs (on a clustered store: on any node).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ScheduledJob(ScheduleRunner runner) : IJob
{
    public const string Group = "schedules";
    public const string KeyField = "scheduleKey";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.MergedJobDataMap.GetString(KeyField) ?? context.JobDetail.Key.Name;
        await runner.RunAsync(key, cancellationToken);
    }
}
