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

[RequiresPermission(Permissions.SchedulesView)]
public sealed record ListSchedules : IQuery<IReadOnlyList<ScheduleDto>>;

public sealed class ListSchedulesHandler(IDbContextFactory<AppDbContext> contexts, ScheduleRegistry registry, TimeProvider clock) : IRequestHandler<ListSchedules, IReadOnlyList<ScheduleDto>>
{
    public async Task<IReadOnlyList<ScheduleDto>> Handle(ListSchedules request, CancellationToken cancellationToken)
    {
        var definitions = await registry.AllAsync(cancellationToken);
        var now = ScheduleRules.Now(clock);
        var records = await ScheduleRegistry.EnsureRecordsAsync(contexts, definitions, now, cancellationToken);
        return definitions.Select(d => ScheduleRules.ToDto(d, records[d.Key], now)).ToList();
    }
}
