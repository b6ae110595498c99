using MediatR;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Automation;

[RequiresPermission(Permissions.SchedulesView)]
public sealed record GetClock : IQuery<ClockState>;

public sealed class GetClockHandler(BillingClock clock) : IRequestHandler<GetClock, ClockState>
{
    public Task<ClockState> Handle(GetClock request, CancellationToken cancellationToken) => Task.FromResult(new ClockState(clock.Manual is not null, clock.UtcNow));
}
