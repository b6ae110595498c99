namespace PuqCloud.Core.Jobs;

public sealed class JobOptions
{
    /// <summary>How often each node writes its heartbeat (`Jobs:HeartbeatSeconds`).</summary>
    public int HeartbeatSeconds { get; set; } = 10;

    /// <summary>How often a node reads the Schedules table to pick up changes made on other nodes (`Jobs:ScheduleSyncSeconds`).</summary>
    public int ScheduleSyncSeconds { get; set; } = 30;

    /// <summary>How many rows a cleanup job deletes per statement (`Jobs:CleanupBatchSize`).</summary>
    public int CleanupBatchSize { get; set; } = 1000;
}
