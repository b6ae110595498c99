using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Jobs;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Automation;

/// <summary>Runs a schedule at once, on this node, recorded like a run of its cron.</summary>
[RequiresPermission(Permissions.SchedulesRun)]
public sealed record RunScheduleNow(string Key) : ICommand<ScheduleRunResult>;

public sealed class RunScheduleNowHandler(IDbContextFactory<AppDbContext> contexts, ScheduleRegistry registry, ScheduleRunner runner, TimeProvider clock) : IRequestHandler<RunScheduleNow, ScheduleRunResult>
{
    public async Task<ScheduleRunResult> Handle(RunScheduleNow request, CancellationToken cancellationToken)
    {
        var definition = await ScheduleRules.FindAsync(registry, request.Key, cancellationToken);
        await ScheduleRegistry.EnsureRecordsAsync(contexts, [definition], ScheduleRules.Now(clock), cancellationToken);
        return await runner.RunAsync(definition.Key, cancellationToken)
            ?? throw new RuleViolationException("This schedule is running on this node right now; wait until it finishes.");
    }
}
