using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Tests.Support;

/// <summary>A Payment module that exists only in tests, until real payment modules arrive (Stripe, bank transfer…).</summary>
[ModuleManifest(Key, ModuleKind.Payment, "Test Payment", "1.0.0", Description = "A payment module of the test suite.")]
public sealed class TestPaymentModule : IModule
{
    public const string Key = "test-payment";

    public IReadOnlyList<ModuleSettingField> Settings { get; } = [];
    public IReadOnlyList<ModulePermission> Permissions { get; } = [];
    public IReadOnlyList<ModuleMenuEntry> MenuEntries { get; } = [];
    public IReadOnlyList<ModuleSchedule> Schedules { get; } = [];
    public IReadOnlyList<ITaskHandler> TaskHandlers(IModuleContext context) => [];
    public Task MigrateAsync(IModuleContext context, string? fromVersion, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Test services: the app's modules plus this one.</summary>
    public static void Register(IServiceCollection services) =>
        services.AddSingleton<IModuleCatalog>(sp => new ModuleCatalog([typeof(PuqCloud.Modules.ModulesAssembly).Assembly, typeof(TestPaymentModule).Assembly],
            sp.GetRequiredService<DatabaseOptions>(), sp.GetRequiredService<TimeProvider>()));
}
