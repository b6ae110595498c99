using System.Globalization;
using System.Text.Json;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Modules.Product.Sample;

/// <summary>
/// Simulates a provisioning system: each lifecycle action takes the configured delay, fails at the
/// configured rate, and writes what it "sent" and "received" to the Module Log (the API key is masked there).
/// </summary>
[ModuleManifest(Key, ModuleKind.Product, "Sample Product", Version,
    Description = "Simulates provisioning with a configurable delay and failure rate, so the lifecycle and the task queue can be seen working.",
    Icon = "deployed_code")]
public sealed class SampleProductModule : IProductModule
{
    public const string Key = "sample-product";
    public const string Version = "1.1.0";

    public const string DelaySetting = "delaySeconds";
    public const string FailureRateSetting = "failureRate";
    public const string ApiKeySetting = "apiKey";
    public const string RegionSetting = "region";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public IReadOnlyList<ModuleSettingField> Settings { get; } =
    [
        new(DelaySetting, "Provisioning delay (seconds)", ModuleSettingType.Number, Required: true, DefaultValue: "2",
            Description: "How long each simulated action takes."),
        new(FailureRateSetting, "Failure rate (%)", ModuleSettingType.Number, Required: true, DefaultValue: "0",
            Description: "The share of actions that fail, from 0 to 100."),
        new(ApiKeySetting, "API key", ModuleSettingType.Secret,
            Description: "Sent to the simulated provisioning system; masked in the Module Log."),
        new(RegionSetting, "Region", ModuleSettingType.Select, Required: true, DefaultValue: "eu-central", Options: ["eu-central", "us-east", "ap-south"]),
    ];

    public const string PlanSetting = "plan";
    public const string DiskSetting = "diskGb";
    public const string RootPasswordSetting = "rootPassword";

    public IReadOnlyList<ModuleSettingField> ProductSettings { get; } =
    [
        new(PlanSetting, "Plan", ModuleSettingType.Select, Required: true, DefaultValue: "small", Options: ["small", "medium", "large"],
            Description: "The size of the simulated machine."),
        new(DiskSetting, "Disk (GB)", ModuleSettingType.Number, Required: true, DefaultValue: "20"),
        new(RootPasswordSetting, "Root password", ModuleSettingType.Secret,
            Description: "Set on every simulated machine of the product; stored encrypted."),
    ];

    public IReadOnlyList<ModulePermission> Permissions { get; } = [];
    public IReadOnlyList<ModuleMenuEntry> MenuEntries { get; } = [];
    public IReadOnlyList<ModuleSchedule> Schedules { get; } = [];

    /// <summary>
    /// None: the lifecycle actions reach the module through the host's own task ("service.module-action", whose input is
    /// the service's id alone), which hands the product's settings, decrypted, to the method above. A handler of the
    /// module's own would take its input from the task row, where a product's secrets do not belong.
    /// </summary>
    public IReadOnlyList<ITaskHandler> TaskHandlers(IModuleContext context) => [];

    public async Task MigrateAsync(IModuleContext context, string? fromVersion, CancellationToken cancellationToken) =>
        await context.Log.LogAsync("migrate", ModuleLogLevel.Info,
            fromVersion is null ? $"Installed version {Version}." : $"Migrated from version {fromVersion} to {Version}.",
            cancellationToken: cancellationToken);

    public Task<ProvisioningResult> CreateAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken) =>
        SimulateAsync(context, "create", request, new Dictionary<string, string> { ["hostname"] = $"svc-{request.ServiceId.ToString("N")[..8]}.sample.test" }, cancellationToken);

    public Task<ProvisioningResult> SuspendAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken) =>
        SimulateAsync(context, "suspend", request, null, cancellationToken);

    public Task<ProvisioningResult> UnsuspendAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken) =>
        SimulateAsync(context, "unsuspend", request, null, cancellationToken);

    public Task<ProvisioningResult> IdleAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken) =>
        SimulateAsync(context, "idle", request, null, cancellationToken);

    public Task<ProvisioningResult> UnidleAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken) =>
        SimulateAsync(context, "unidle", request, null, cancellationToken);

    public Task<ProvisioningResult> TerminateAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken) =>
        SimulateAsync(context, "terminate", request, null, cancellationToken);

    public Task<ProvisioningResult> ChangePackageAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken) =>
        SimulateAsync(context, "change-package", request, null, cancellationToken);

    private static async Task<ProvisioningResult> SimulateAsync(IModuleContext context, string action, ProvisioningRequest request,
        IReadOnlyDictionary<string, string>? serviceData, CancellationToken cancellationToken)
    {
        var delay = await NumberAsync(context, DelaySetting, 0, 600, cancellationToken);
        var failureRate = await NumberAsync(context, FailureRateSetting, 0, 100, cancellationToken);
        // What a real module would send to its outside system, API key included: the Module Log masks it.
        var sent = JsonSerializer.Serialize(new
        {
            action,
            serviceId = request.ServiceId,
            @try = request.Try,
            region = await context.Settings.GetAsync(RegionSetting, cancellationToken),
            apiKey = await context.Settings.GetAsync(ApiKeySetting, cancellationToken),
            product = request.ProductSettings,
            service = request.ServiceData,
        }, Json);
        if (delay > 0) await Task.Delay(TimeSpan.FromSeconds((double)delay), context.Clock, cancellationToken);

        var failed = failureRate >= 100 || (failureRate > 0 && Random.Shared.NextDouble() * 100 < (double)failureRate);
        var result = failed
            ? new ProvisioningResult(false, $"The simulated system refused {action} (failure rate {failureRate.ToString(CultureInfo.InvariantCulture)} %).")
            : new ProvisioningResult(true, $"{action} done in {delay.ToString(CultureInfo.InvariantCulture)} s.", serviceData);
        await context.Log.LogAsync(action, failed ? ModuleLogLevel.Error : ModuleLogLevel.Info, result.Message ?? action,
            sent, JsonSerializer.Serialize(result, Json), cancellationToken);
        return result;
    }

    private static async Task<decimal> NumberAsync(IModuleContext context, string key, decimal min, decimal max, CancellationToken cancellationToken) =>
        decimal.TryParse(await context.Settings.GetAsync(key, cancellationToken), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, min, max) : min;
}
