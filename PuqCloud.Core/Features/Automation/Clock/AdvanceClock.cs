using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Automation;

/// <summary>
/// Moves the test clock (`Clock:Mode=Manual`) forward hour by hour and, after each step, runs every enabled schedule
/// whose cron fell due in that hour, once, in the order they fell due (at one instant, in the order of the
/// Scheduler: Finance before Service). Days of billing run in seconds. Refused on a real clock.
/// </summary>
[RequiresPermission(Permissions.SchedulesRun)]
public sealed record AdvanceClock(int? Hours) : ICommand<ClockAdvanceResult>;

public sealed class AdvanceClockValidator : AbstractValidator<AdvanceClock>
{
    public const int MaxHours = 24 * 366;

    public AdvanceClockValidator() =>
        RuleFor(x => x.Hours).NotNull().WithMessage("Say how many hours to move the clock.")
            .InclusiveBetween(1, MaxHours).WithMessage($"Move the clock by 1 to {MaxHours} hours.");
}

public sealed class AdvanceClockHandler(BillingClock clock, ScheduleRegistry registry, ScheduleRunner runner, IDbContextFactory<AppDbContext> contexts)
    : IRequestHandler<AdvanceClock, ClockAdvanceResult>
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<ClockAdvanceResult> Handle(AdvanceClock request, CancellationToken cancellationToken)
    {
        var manual = clock.Manual ?? throw new RuleViolationException("The clock follows real time. Start the console with Clock:Mode=Manual (never in Production) to move it.");
        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            var from = clock.UtcNow;
            var definitions = await registry.AllAsync(cancellationToken);
            var order = definitions.Select((d, i) => (d.Key, i)).ToDictionary(x => x.Key, x => x.i);
            var runs = new List<ClockScheduleRun>();
            for (var step = 0; step < request.Hours!.Value; step++)
            {
                var before = clock.UtcNow;
                manual.Advance(TimeSpan.FromHours(1));
                var now = clock.UtcNow;
                var records = await ScheduleRegistry.EnsureRecordsAsync(contexts, definitions, now, cancellationToken);
                var due = definitions
                    .Select(d => (Definition: d, Record: records.GetValueOrDefault(d.Key)))
                    .Where(x => x.Record is { Enabled: true })
                    .Select(x => (x.Definition.Key, At: CronSchedule.NextRun(x.Record!.Cron, before)))
                    .Where(x => x.At is { } at && at <= now)
                    .OrderBy(x => x.At).ThenBy(x => order[x.Key])
                    .ToList();
                foreach (var (key, at) in due)
                {
                    var result = await RunWhenFreeAsync(key, cancellationToken);
                    runs.Add(new ClockScheduleRun(at!.Value, key, result?.Outcome ?? "Busy", result?.Error));
                }
            }
            return new ClockAdvanceResult(from, clock.UtcNow, runs);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>A real-time cron fire may be running the same schedule on this node: wait for it rather than skip.</summary>
    private async Task<ScheduleRunResult?> RunWhenFreeAsync(string key, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await runner.RunAsync(key, cancellationToken) is { } result) return result;
            await Task.Delay(50, cancellationToken);
        }
        return null;
    }
}
