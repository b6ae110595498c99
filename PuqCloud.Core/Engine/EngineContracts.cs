using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Engine;

/// <summary>Live-event topics of the engine room.</summary>
public static class EngineTopics
{
    /// <summary>A task was added or changed status (subject: the task id).</summary>
    public const string Tasks = "engine.tasks";
    /// <summary>A schedule ran or was changed (subject: the schedule key).</summary>
    public const string Schedules = "engine.schedules";
    /// <summary>A Module Log entry was written (subject: the module key).</summary>
    public const string ModuleLog = "engine.module-log";
}

/// <summary>Supplies task handlers beyond the ones registered in DI (the module system supplies the active modules' handlers).</summary>
public interface ITaskHandlerSource
{
    Task<IReadOnlyList<ITaskHandler>> HandlersAsync(IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>The Scheduler tabs of the guide; modules get a tab of their own ("module:KEY").</summary>
public static class ScheduleTabs
{
    public const string System = "System";
    public const string Cleanup = "Cleanup";
    public const string Products = "Products";
    public const string Finance = "Finance";
    public const string Service = "Service";
}

/// <summary>
/// A schedule the code defines: key, tab, texts, default cron and switch, and what it runs (in a scope of
/// its own, as the system). Staff change the cron and switch in the database (ScheduleRecord).
/// </summary>
public sealed record ScheduleDefinition(string Key, string Tab, string Title, string Description, string DefaultCron, bool EnabledByDefault,
    Func<IServiceProvider, CancellationToken, Task> RunAsync);

/// <summary>Supplies schedules beyond the ones registered in DI (the module system supplies the active modules' schedules).</summary>
public interface IScheduleSource
{
    Task<IReadOnlyList<ScheduleDefinition>> SchedulesAsync(IServiceProvider services, CancellationToken cancellationToken);
}
