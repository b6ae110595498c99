namespace PuqCloud.Core.Jobs;

public sealed class JobOptions
{
    /// <summary>How often each node writes its heartbeat (`Jobs:HeartbeatSeconds`).</summary>
    public int HeartbeatSeconds { get; set; } = 10;
}
