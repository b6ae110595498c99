namespace PuqCloud.Core.Engine.Tasks;

/// <summary>The worker pool of this node (configuration section `Tasks`).</summary>
public sealed class TaskQueueOptions
{
    /// <summary>Concurrent worker loops on this node.</summary>
    public int Workers { get; set; } = 4;
    /// <summary>How often an idle worker looks for work that another node queued or whose backoff ended.</summary>
    public int PollMilliseconds { get; set; } = 500;
    /// <summary>How long a claimed task stays this node's without a renewal; renewed every third of it while the handler runs.</summary>
    public int LeaseSeconds { get; set; } = 60;
    /// <summary>How often the node looks for tasks whose holder stopped renewing (its node died).</summary>
    public int SweepSeconds { get; set; } = 15;
}
