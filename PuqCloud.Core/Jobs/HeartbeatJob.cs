using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Features.Platform;
using PuqCloud.Core.Security;
using Quartz;

namespace PuqCloud.Core.Jobs;

/// <summary>Sends <see cref="RecordHeartbeat"/> as the system, in a scope of its own.</summary>
[DisallowConcurrentExecution]
public sealed class HeartbeatJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("heartbeat", "system");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().RunAsSystem(nameof(HeartbeatJob));
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecordHeartbeat(), cancellationToken);
    }
}
