using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PuqCloud.Core.Live;

/// <summary>Something changed on the server that open pages may want to show. Published after the change is committed.</summary>
public sealed record LiveEvent(string Topic, string? Subject = null, DateTime? At = null);

/// <summary>Topics that exist so far.</summary>
public static class LiveTopics
{
    public const string Heartbeat = "system.heartbeat";
}

/// <summary>
/// Publishes live events to subscribed components. This node's implementation is in-process; a
/// PostgreSQL LISTEN/NOTIFY implementation can fill the same interface when several nodes run.
/// </summary>
public interface ILiveEvents
{
    Task PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="handler"/> for every event of <paramref name="topic"/> until the subscription is disposed.</summary>
    IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler);
}

public sealed class InProcessLiveEvents(ILogger<InProcessLiveEvents> logger) : ILiveEvents
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<LiveEvent, Task>>> _subscribers = new();

    public async Task PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        if (!_subscribers.TryGetValue(liveEvent.Topic, out var handlers)) return;
        foreach (var handler in handlers.Values)
        {
            try
            {
                await handler(liveEvent);
            }
            catch (Exception ex)
            {
                // One broken subscriber (a closed circuit, say) must not stop the others from hearing the event.
                logger.LogWarning(ex, "A subscriber of {Topic} failed", liveEvent.Topic);
            }
        }
    }

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(topic, _ => new()).TryAdd(id, handler);
        return new Subscription(() => { if (_subscribers.TryGetValue(topic, out var handlers)) handlers.TryRemove(id, out _); });
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}
