using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Features.Platform;
using PuqCloud.Core.Jobs;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Automation;

/// <summary>A card of Automation → Scheduler. The next run is shown only while the schedule is on.</summary>
public sealed record ScheduleDto(string Key, string Tab, string Title, string Description, string Cron, string DefaultCron, bool Enabled,
    DateTime? LastRunAt, string? LastOutcome, DateTime? NextRunAt);

/// <summary>The heartbeat of the System tab: every node beats every `Jobs:HeartbeatSeconds` (set in configuration, not here).</summary>
public sealed record HeartbeatScheduleDto(int IntervalSeconds, string ThisNode, DateTime? LastBeatAt, DateTime? NextBeatAt);

[RequiresPermission(Permissions.SchedulesView)]
public sealed record ListSchedules : IQuery<IReadOnlyList<ScheduleDto>>;

[RequiresPermission(Permissions.SchedulesView)]
public sealed record GetHeartbeatSchedule : IQuery<HeartbeatScheduleDto>;

[RequiresPermission(Permissions.SchedulesEdit)]
public sealed record UpdateSchedule(string Key, string Cron, bool Enabled) : ICommand<ScheduleDto>;

/// <summary>Puts the default cron and switch back.</summary>
[RequiresPermission(Permissions.SchedulesEdit)]
public sealed record ResetSchedule(string Key) : ICommand<ScheduleDto>;

/// <summary>Runs a schedule at once, on this node, recorded like a run of its cron.</summary>
[RequiresPermission(Permissions.SchedulesRun)]
public sealed record RunScheduleNow(string Key) : ICommand<ScheduleRunResult>;

public sealed class UpdateScheduleValidator : AbstractValidator<UpdateSchedule>
{
    public UpdateScheduleValidator()
    {
        RuleFor(x => x.Cron).Custom((cron, context) =>
        {
            if (CronSchedule.ToQuartz(cron, out var error) is null) context.AddFailure(nameof(UpdateSchedule.Cron), error ?? "Not a valid cron expression.");
        });
        RuleFor(x => x.Cron).MaximumLength(120);
    }
}

public sealed class ScheduleHandlers(IDbContextFactory<AppDbContext> contexts, ScheduleRegistry registry, ScheduleSynchronizer synchronizer, ScheduleRunner runner,
    NodeIdentity node, IOptions<JobOptions> jobOptions, TimeProvider clock, ILiveEvents live, ILogger<ScheduleHandlers> logger) :
    IRequestHandler<ListSchedules, IReadOnlyList<ScheduleDto>>,
    IRequestHandler<GetHeartbeatSchedule, HeartbeatScheduleDto>,
    IRequestHandler<UpdateSchedule, ScheduleDto>,
    IRequestHandler<ResetSchedule, ScheduleDto>,
    IRequestHandler<RunScheduleNow, ScheduleRunResult>
{
    public async Task<IReadOnlyList<ScheduleDto>> Handle(ListSchedules request, CancellationToken cancellationToken)
    {
        var definitions = registry.All();
        var now = Now();
        var records = await ScheduleRegistry.EnsureRecordsAsync(contexts, definitions, now, cancellationToken);
        return definitions.Select(d => ToDto(d, records[d.Key], now)).ToList();
    }

    public async Task<HeartbeatScheduleDto> Handle(GetHeartbeatSchedule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.NodeHeartbeats.AsNoTracking().Where(h => h.NodeName == node.Name).Select(h => (DateTime?)h.LastBeatAt).FirstOrDefaultAsync(cancellationToken);
        var interval = Math.Max(1, jobOptions.Value.HeartbeatSeconds);
        return new HeartbeatScheduleDto(interval, node.Name, last, last?.AddSeconds(interval));
    }

    public Task<ScheduleDto> Handle(UpdateSchedule request, CancellationToken cancellationToken) =>
        ChangeAsync(request.Key, (_, record) =>
        {
            record.Cron = request.Cron.Trim();
            record.Enabled = request.Enabled;
        }, cancellationToken);

    public Task<ScheduleDto> Handle(ResetSchedule request, CancellationToken cancellationToken) =>
        ChangeAsync(request.Key, (definition, record) =>
        {
            record.Cron = definition.DefaultCron;
            record.Enabled = definition.EnabledByDefault;
        }, cancellationToken);

    public async Task<ScheduleRunResult> Handle(RunScheduleNow request, CancellationToken cancellationToken)
    {
        var definition = Find(request.Key);
        await ScheduleRegistry.EnsureRecordsAsync(contexts, [definition], Now(), cancellationToken);
        return await runner.RunAsync(definition.Key, cancellationToken)
            ?? throw new RuleViolationException("This schedule is running on this node right now; wait until it finishes.");
    }

    private async Task<ScheduleDto> ChangeAsync(string key, Action<ScheduleDefinition, ScheduleRecord> change, CancellationToken cancellationToken)
    {
        var definition = Find(key);
        var now = Now();
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

    private ScheduleDefinition Find(string key) => registry.Find(key) ?? throw new NotFoundException("There is no such schedule.");

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static ScheduleDto ToDto(ScheduleDefinition d, ScheduleRecord r, DateTime now) =>
        new(d.Key, d.Tab, d.Title, d.Description, r.Cron, d.DefaultCron, r.Enabled, r.LastRunAt, r.LastOutcome, r.Enabled ? CronSchedule.NextRun(r.Cron, now) : null);
}
