using Microsoft.Extensions.Diagnostics.HealthChecks;
using PuqCloud.Core.Common;
using Quartz;

namespace PuqCloud.Web.Infrastructure;

/// <summary>Healthy once the database is migrated and the scheduler runs; 503 before that and after the scheduler stops.</summary>
public sealed class ReadinessHealthCheck(AppReadiness readiness, ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.DatabaseReady) return HealthCheckResult.Unhealthy("The database is not migrated yet.");
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetStatus(cancellationToken) != SchedulerStatus.Running)
            return HealthCheckResult.Unhealthy("The scheduler is not running.");
        return HealthCheckResult.Healthy("Database migrated, scheduler running.");
    }
}
