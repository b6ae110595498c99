using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Security;

namespace PuqCloud.Tests.Support;

public static class SystemSession
{
    /// <summary>Sends a Core request through the real pipeline as the system (the way a job does): for requests no endpoint serves.</summary>
    public static async Task<T> SendAsSystemAsync<T>(this PuqAppFactory app, IRequest<T> request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().RunAsSystem("test");
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
