using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Jobs;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Automation;

/// <summary>
/// Puts the default cron back. The switch stays as it is: a schedule switched off on purpose (terminations, say) is not
/// switched back on by a click meant for its timing; the switch says on or off by itself.
/// </summary>
[RequiresPermission(Permissions.SchedulesEdit)]
public sealed record ResetSchedule(string Key) : ICommand<ScheduleDto>;

public sealed class ResetScheduleHandler(IDbContextFactory<AppDbContext> contexts, ScheduleRegistry registry, ScheduleSynchronizer synchronizer, TimeProvider clock, ILiveEvents live, ILogger<ResetScheduleHandler> logger) : IRequestHandler<ResetSchedule, ScheduleDto>
{
    public Task<ScheduleDto> Handle(ResetSchedule request, CancellationToken cancellationToken) =>
        ScheduleRules.ChangeAsync(registry, clock, contexts, synchronizer, live, logger, request.Key,
            (definition, record) => record.Cron = definition.DefaultCron, cancellationToken);
}
