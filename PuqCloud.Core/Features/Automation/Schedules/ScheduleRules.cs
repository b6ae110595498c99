using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Jobs;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Automation;

/// <summary>Steps that several Schedule use cases share.</summary>
internal static class ScheduleRules
{
    internal static async Task<ScheduleDto> ChangeAsync(ScheduleRegistry registry, TimeProvider clock, IDbContextFactory<AppDbContext> contexts, ScheduleSynchronizer synchronizer, ILiveEvents live, ILogger logger, string key, Action<ScheduleDefinition, ScheduleRecord> change, CancellationToken cancellationToken)
    {
        var definition = await FindAsync(registry, key, cancellationToken);
        var now = Now(clock);
        await ScheduleRegistry.EnsureRecordsAsync(contexts, [definition], now, cancellationToken);
        ScheduleRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            record = await db.Schedules.FirstAsync(s => s.Key == definition.Key, cancellationToken);
            change(definition, record);
            record.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        try
        {
            await synchronizer.SyncAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change is saved; the periodic synchronization applies it if this attempt could not.
            logger.LogWarning(ex, "Applying the change of schedule {Schedule} to Quartz failed; the next synchronization retries", key);
        }
        await live.PublishAsync(new LiveEvent(EngineTopics.Schedules, definition.Key, now), cancellationToken);
        return ToDto(definition, record, now);
    }

    internal static async Task<ScheduleDefinition> FindAsync(ScheduleRegistry registry, string key, CancellationToken cancellationToken) =>
        await registry.FindAsync(key, cancellationToken) ?? throw new NotFoundException("There is no such schedule.");

    internal static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    internal static ScheduleDto ToDto(ScheduleDefinition d, ScheduleRecord r, DateTime now) =>
        new(d.Key, d.Tab, d.Title, d.Description, r.Cron, d.DefaultCron, r.Enabled, r.LastRunAt, r.LastOutcome, r.Enabled ? CronSchedule.NextRun(r.Cron, now) : null, r.LastError);
}
