using System.Globalization;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Modules.Plugin.Sample;

/// <summary>
/// A plugin with a page of its own (its menu entry, for staff holding its "view" permission) and a
/// scheduled job, off by default, that counts its runs and writes a Module Log entry each time; the same run is also
/// a task of its own.
/// </summary>
[ModuleManifest(Key, ModuleKind.Plugin, "Sample Plugin", Version,
    Description = "Shows a page of its own and runs a scheduled job that writes to the Module Log.",
    Icon = "extension")]
public sealed class SamplePluginModule : IPluginModule
{
    public const string Key = "sample-plugin";
    public const string Version = "1.0.0";
    public const string PagePath = "/admin/addons/sample-plugin";
    public const string ViewAction = "view";
    public const string ScheduleKey = "tick";

    public const string MessageSetting = "message";
    // The plugin's own state, kept beside its settings.
    public const string RunsState = "state.runs";
    public const string LastRunState = "state.lastRunAt";

    public IReadOnlyList<ModuleSettingField> Settings { get; } =
    [
        new(MessageSetting, "Message", ModuleSettingType.Text, Required: true, DefaultValue: "The sample plugin ran.",
            Description: "Written to the Module Log on each run."),
    ];

    public IReadOnlyList<ModulePermission> Permissions { get; } = [new(ViewAction, "Open the Sample Plugin page")];

    public IReadOnlyList<ModuleMenuEntry> MenuEntries { get; } = [new("Sample Plugin", PagePath, "extension", ViewAction)];

    public IReadOnlyList<ModuleSchedule> Schedules { get; } =
    [
        new(ScheduleKey, "Sample plugin run", "Counts a run of the sample plugin and writes it to the Module Log.", "*/5 * * * *", EnabledByDefault: false,
            (context, ct) => RunAsync(context, "schedule", ct)),
    ];

    public const string RunTask = "run";

    /// <summary>The same run as a task ("sample-plugin:run", no input), for anything that would rather queue it than wait for the schedule.</summary>
    public IReadOnlyList<ITaskHandler> TaskHandlers(IModuleContext context) => [new RunHandler(context)];

    private sealed class RunHandler(IModuleContext context) : ITaskHandler
    {
        public string Name => RunTask;

        public async Task<string?> HandleAsync(TaskExecution task, CancellationToken cancellationToken)
        {
            await RunAsync(context, "task", cancellationToken);
            return null;
        }
    }

    public async Task MigrateAsync(IModuleContext context, string? fromVersion, CancellationToken cancellationToken) =>
        await context.Log.LogAsync("migrate", ModuleLogLevel.Info,
            fromVersion is null ? $"Installed version {Version}." : $"Migrated from version {fromVersion} to {Version}.",
            cancellationToken: cancellationToken);

    /// <summary>One run: the counter goes up, the time is remembered and the Module Log says so.</summary>
    public static async Task RunAsync(IModuleContext context, string trigger, CancellationToken cancellationToken)
    {
        var runs = await RunsAsync(context, cancellationToken) + 1;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        await context.Settings.SetAsync(RunsState, runs.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await context.Settings.SetAsync(LastRunState, now.ToString("O", CultureInfo.InvariantCulture), cancellationToken);
        await context.Log.LogAsync("run", ModuleLogLevel.Info, $"{await context.Settings.GetAsync(MessageSetting, cancellationToken)} (run {runs}, by {trigger})", cancellationToken: cancellationToken);
    }

    public static async Task<long> RunsAsync(IModuleContext context, CancellationToken cancellationToken) =>
        long.TryParse(await context.Settings.GetAsync(RunsState, cancellationToken), NumberStyles.Integer, CultureInfo.InvariantCulture, out var runs) ? runs : 0;

    public static async Task<DateTime?> LastRunAtAsync(IModuleContext context, CancellationToken cancellationToken) =>
        DateTime.TryParse(await context.Settings.GetAsync(LastRunState, cancellationToken), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at : null;
}
