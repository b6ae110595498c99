using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Engine;

public enum QueuedTaskStatus
{
    Queued,
    Processing,
    Completed,
    Failed,
    Duplicate,
}

/// <summary>A persistent background task (Monitoring → Task Queue).</summary>
public class QueuedTask : Entity
{
    public string Queue { get; set; } = "default";
    public string Name { get; set; } = "";
    public QueuedTaskStatus Status { get; set; } = QueuedTaskStatus.Queued;
    public string? InputJson { get; set; }
    public string? OutputJson { get; set; }
    public string? Error { get; set; }
    /// <summary>Tries started so far.</summary>
    public int Tries { get; set; }
    public int MaxTries { get; set; } = 3;
    public int BackoffSeconds { get; set; } = 10;
    public int TimeoutSeconds { get; set; } = 300;
    /// <summary>While a task with this key is queued or processing, another with it is recorded as a duplicate.</summary>
    public string? DedupeKey { get; set; }
    /// <summary>Tasks of this lane run one at a time, oldest first: one is not taken while an older one is queued or processing.</summary>
    public string? Lane { get; set; }
    /// <summary>Space-separated tags such as "service:ID".</summary>
    public string? Tags { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the task may be taken next (after a backoff).</summary>
    public DateTime AvailableAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>The node that holds the task while processing, and until when (a lease past which the task counts as abandoned).</summary>
    public string? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }
}

public enum ModuleStatus
{
    Inactive,
    Active,
}

/// <summary>What the host remembers of a module: whether it is active and which version ran its migration step.</summary>
public class ModuleRecord
{
    public string Key { get; set; } = "";
    public string Kind { get; set; } = "";
    public ModuleStatus Status { get; set; } = ModuleStatus.Inactive;
    /// <summary>The version whose migration step last ran; differs from the code's version when an update is due.</summary>
    public string? InstalledVersion { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One saved setting of a module; secrets are stored encrypted with the Data Protection keys.</summary>
public class ModuleSettingValue
{
    public string ModuleKey { get; set; } = "";
    public string Key { get; set; } = "";
    [Sensitive] public string? Value { get; set; }
    public bool IsSecret { get; set; }
}

/// <summary>One entry of the Module Log.</summary>
public class ModuleLogEntry : Entity
{
    public DateTime At { get; set; }
    public string ModuleKey { get; set; } = "";
    public string Action { get; set; } = "";
    public string Level { get; set; } = "Info";
    public string Message { get; set; } = "";
    public string? Request { get; set; }
    public string? Response { get; set; }
}

/// <summary>A schedule of Automation → Scheduler: its cron and switch as staff set them, and its last run.</summary>
public class ScheduleRecord
{
    public string Key { get; set; } = "";
    public string Cron { get; set; } = "";
    public bool Enabled { get; set; }
    public DateTime? LastRunAt { get; set; }
    public string? LastOutcome { get; set; }
    /// <summary>Why the last run failed (null when it succeeded), for the card to say.</summary>
    public string? LastError { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One run of a schedule: start, end and outcome.</summary>
public class ScheduleRun : Entity
{
    public string ScheduleKey { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string Outcome { get; set; } = "";
    public string? Error { get; set; }
    public string? Node { get; set; }
}

/// <summary>A staff member's dashboard: which widgets, in which order.</summary>
public class DashboardLayout
{
    public Guid StaffAccountId { get; set; }
    public string LayoutJson { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
