namespace PuqCloud.Core.Engine.Tasks;

/// <summary>Wakes this node's idle workers when this node enqueues, so they need not wait for the next poll.</summary>
public sealed class TaskSignal
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public void Notify(int count = 1)
    {
        // Never let unclaimed wake-ups pile up beyond what the workers could use.
        if (_signal.CurrentCount < 1024) _signal.Release(count);
    }

    /// <summary>Waits for a wake-up or the poll interval, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan poll, CancellationToken cancellationToken) => _signal.WaitAsync(poll, cancellationToken);
}
