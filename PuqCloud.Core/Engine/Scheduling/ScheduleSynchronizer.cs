using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Jobs;
using PuqCloud.Core.Persistence;
using Quartz;

namespace PuqCloud.Core.Engine.Scheduling;

/// <summary>
/// Makes Quartz run what the Schedules table says: one job with a cron trigger per enabled schedule, none
/// for a disabled or removed one. Runs at start, right after a change on this node, and every
/// `Jobs:ScheduleSyncSeconds` so that changes made on another node arrive here too.
/// </summary>
public sealed class ScheduleSynchronizer(ISchedulerFactory schedulers, IServiceScopeFactory scopes, AppReadiness readiness, TimeProvider clock,
    IOptions<JobOptions> options, ILogger<ScheduleSynchronizer> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    private readonly HashSet<string> _warnedNeverFires = new(StringComparer.Ordinal);

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var definitions = await scope.ServiceProvider.GetRequiredService<ScheduleRegistry>().AllAsync(cancellationToken);
            var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
            var records = await ScheduleRegistry.EnsureRecordsAsync(contexts, definitions, clock.GetUtcNow().UtcDateTime, cancellationToken);
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var existing = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ScheduledJob.Group), cancellationToken);

            foreach (var definition in definitions)
            {
                var record = records[definition.Key];
                var jobKey = new JobKey(definition.Key, ScheduledJob.Group);
                var cron = record.Enabled ? CronSchedule.ToQuartz(record.Cron, out _) : null;
                // An expression no date matches (30 February) has no trigger: Quartz refuses one that never fires.
                if (cron is not null && CronSchedule.NextRun(record.Cron, clock.GetUtcNow().UtcDateTime) is null)
                {
                    // Said once per expression, not every round on every node.
                    if (_warnedNeverFires.Add($"{definition.Key} {record.Cron}"))
                        logger.LogWarning("Schedule {Schedule} never fires at {Cron}: it does not run", definition.Key, record.Cron);
                    cron = null;
                }
                if (cron is null)
                {
                    if (existing.Contains(jobKey)) await scheduler.DeleteJob(jobKey, cancellationToken);
                    continue;
                }
                var triggerKey = new TriggerKey(definition.Key, ScheduledJob.Group);
                if (existing.Contains(jobKey) && await scheduler.GetTrigger(triggerKey, cancellationToken) is ICronTrigger current && current.CronExpressionString == cron)
                    continue;

                var job = JobBuilder.Create<ScheduledJob>().WithIdentity(jobKey).UsingJobData(ScheduledJob.KeyField, definition.Key)
                    .WithDescription(definition.Title).Build();
                var trigger = TriggerBuilder.Create().WithIdentity(triggerKey).ForJob(jobKey)
                    // A fire missed while every node was down or the job was still running is skipped, never made up.
                    .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                    .Build();
                try
                {
                    await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
                    logger.LogInformation("Schedule {Schedule} runs at {Cron}", definition.Key, cron);
                }
                catch (SchedulerException ex)
                {
                    // One schedule Quartz refuses must not keep the ones after it (switching off terminations) from changing.
                    logger.LogWarning(ex, "Quartz refused the trigger of schedule {Schedule} ({Cron})", definition.Key, cron);
                }
            }

            var defined = definitions.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var orphan in existing.Where(k => !defined.Contains(k.Name)))
                await scheduler.DeleteJob(orphan, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.DatabaseReady) await Task.Delay(100, stoppingToken);
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.ScheduleSyncSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Another node may hold Quartz's locks or the database may blink: the next round tries again.
                logger.LogWarning(ex, "Synchronizing the schedules with Quartz failed");
            }
            await Task.Delay(interval, stoppingToken);
        }
    }
}
