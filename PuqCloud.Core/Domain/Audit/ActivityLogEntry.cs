using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Audit;

public enum ActorKind
{
    Anonymous,
    Staff,
    ClientUser,
    System,
}

/// <summary>One command that somebody (or the system) sent: who, what, when, from where, and what it changed.</summary>
public class ActivityLogEntry : Entity
{
    public DateTime At { get; set; }
    public ActorKind ActorKind { get; set; }
    public Guid? ActorId { get; set; }
    public string? ActorName { get; set; }
    public string? Ip { get; set; }
    /// <summary>WEB, API or JOB.</summary>
    public string Channel { get; set; } = "";
    /// <summary>The request's name, for example "CreateApiToken".</summary>
    public string Action { get; set; } = "";
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
    /// <summary>JSON list of changed entities with before/after of changed fields (sensitive values masked).</summary>
    public string? Changes { get; set; }
}

/// <summary>A sign-in attempt, kept to throttle guessing per IP address and to show failed attempts.</summary>
public class SignInAttempt : Entity
{
    public DateTime At { get; set; }
    public ActorKind AccountKind { get; set; }
    public string Email { get; set; } = "";
    public string? Ip { get; set; }
    public bool Succeeded { get; set; }
}
