namespace PuqCloud.Core.Domain.Platform;

/// <summary>An XML key of ASP.NET Data Protection, kept in the database so that every node shares the keys.</summary>
public class DataProtectionKeyRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}

/// <summary>A one-time fact about the installation, written once under a unique key (for example "setup-completed").</summary>
public class InstallationMarker
{
    public string Key { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>The heartbeat of a running node: written by the heartbeat job, shown live on the dashboard.</summary>
public class NodeHeartbeat
{
    public string NodeName { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime LastBeatAt { get; set; }
    public long Beats { get; set; }
    public string Version { get; set; } = "";
}
