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

/// <summary>
/// A browser's sign-in to the console or the client area, kept on the server: the cookie carries only <see cref="Id"/>.
/// Signing out deletes the row, so a copy of the cookie (another tab's, or one taken from the browser) ends with it;
/// an expired one is refused even before it is swept away. <see cref="Ticket"/> is the sign-in as ASP.NET serialises it.
/// </summary>
public class SignInSession
{
    public Guid Id { get; set; }
    /// <summary>The cookie scheme: the console's or the client area's.</summary>
    public string Scheme { get; set; } = "";
    /// <summary>The staff member or client user signed in.</summary>
    public Guid AccountId { get; set; }
    public byte[] Ticket { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
}
