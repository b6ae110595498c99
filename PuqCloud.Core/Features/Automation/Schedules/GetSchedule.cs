using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Automation;

/// <summary>One card of the Scheduler, by the schedule's key.</summary>
[RequiresPermission(Permissions.SchedulesView)]
public sealed record GetSchedule(string Key) : IQuery<ScheduleDto>;

public sealed class GetScheduleHandler(IDbContextFactory<AppDbContext> contexts, ScheduleRegistry registry, TimeProvider clock) : IRequestHandler<GetSchedule, ScheduleDto>
{
    public async Task<ScheduleDto> Handle(GetSchedule request, CancellationToken cancellationToken)
    {
        var definition = await ScheduleRules.FindAsync(registry, request.Key, cancellationToken);
        var now = ScheduleRules.Now(clock);
        var records = await ScheduleRegistry.EnsureRecordsAsync(contexts, [definition], now, cancellationToken);
        return ScheduleRules.ToDto(definition, records[definition.Key], now);
    }
}
