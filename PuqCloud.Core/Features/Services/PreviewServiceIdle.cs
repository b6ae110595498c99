using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>
/// Previews <see cref="SetServiceIdle"/>: what putting the service idle (or waking it) would post now, the settlement of
/// the rest of its paid period (or nothing, for a metered service or before its first charge), or why it would be
/// refused. The step itself runs, in a transaction that is rolled back.
/// </summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record PreviewServiceIdle(Guid Id, bool Idle) : IQuery<ServiceChangePreview>;

public sealed class PreviewServiceIdleHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock) : IRequestHandler<PreviewServiceIdle, ServiceChangePreview>
{
    public async Task<ServiceChangePreview> Handle(PreviewServiceIdle request, CancellationToken cancellationToken)
    {
        var (rows, refusal, currency) = await ServiceRules.DryRunAsync(contexts, request.Id, clock,
            (db, service, plan, now) => ServiceSteps.SetIdleAsync(db, service, plan, request.Idle, now, "preview", cancellationToken), cancellationToken);
        return ServiceChangePreview.Of(rows, refusal, currency);
    }
}
