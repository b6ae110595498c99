using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Modules;

/// <summary>The task handlers of active modules, named "KEY:Name".</summary>
public sealed class ModuleTaskHandlerSource(IModuleCatalog catalog, ModuleContextFactory contexts) : ITaskHandlerSource
{
    public async Task<IReadOnlyList<ITaskHandler>> HandlersAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        (await catalog.ActiveAsync(cancellationToken)).SelectMany(module => module.Instance.TaskHandlers(contexts.Create(module, services))
            .Select(handler => (ITaskHandler)new PrefixedHandler($"{module.Key}:{handler.Name}", handler))).ToList();

    private sealed class PrefixedHandler(string name, ITaskHandler inner) : ITaskHandler
    {
        public string Name => name;
        public Task<string?> HandleAsync(TaskExecution task, CancellationToken cancellationToken) => inner.HandleAsync(task, cancellationToken);
    }
}

/// <summary>The schedules of active modules: key "module.KEY.SCHEDULE" on the module's own tab "module:KEY".</summary>
public sealed class ModuleScheduleSource(IModuleCatalog catalog, ModuleContextFactory contexts) : IScheduleSource
{
    public static string KeyOf(ModuleDescriptor module, ModuleSchedule schedule) => $"module.{module.Key}.{schedule.Key}";
    public static string TabOf(ModuleDescriptor module) => $"module:{module.Key}";

    public async Task<IReadOnlyList<ScheduleDefinition>> SchedulesAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        (await catalog.ActiveAsync(cancellationToken)).SelectMany(module => module.Instance.Schedules.Select(schedule => new ScheduleDefinition(
            KeyOf(module, schedule), TabOf(module), schedule.Title, schedule.Description, schedule.DefaultCron, schedule.EnabledByDefault,
            (scope, ct) => schedule.RunAsync(contexts.Create(module, scope), ct)))).ToList();
}

/// <summary>A permission of the staff catalog, with the title a module gave it.</summary>
public sealed record CatalogPermission(string Key, string? Title, string? ModuleKey);

/// <summary>
/// The staff permissions that exist right now: the constants of <see cref="Permissions"/> and those of the
/// active modules ("module.KEY.ACTION").
/// </summary>
public interface IPermissionCatalog
{
    Task<IReadOnlyList<CatalogPermission>> AllAsync(CancellationToken cancellationToken = default);
    Task<bool> IsKnownAsync(string permission, CancellationToken cancellationToken = default);
}

public sealed class PermissionCatalog(IModuleCatalog modules) : IPermissionCatalog
{
    public async Task<IReadOnlyList<CatalogPermission>> AllAsync(CancellationToken cancellationToken = default)
    {
        var active = await modules.ActiveAsync(cancellationToken);
        return Permissions.All.Select(p => new CatalogPermission(p, null, null))
            .Concat(active.SelectMany(m => m.Instance.Permissions.Select(p => new CatalogPermission(m.PermissionKey(p.Action), p.Title, m.Key))))
            .ToList();
    }

    public async Task<bool> IsKnownAsync(string permission, CancellationToken cancellationToken = default) =>
        Permissions.IsKnown(permission) || (await AllAsync(cancellationToken)).Any(p => p.Key == permission);
}

public static class ModuleServiceCollectionExtensions
{
    /// <summary>The module system over the modules of the given assemblies (the host passes the ones it references; no folder is scanned).</summary>
    public static IServiceCollection AddPuqModules(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.AddSingleton<IModuleCatalog>(sp => new ModuleCatalog(assemblies, sp.GetRequiredService<Persistence.DatabaseOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ModuleContextFactory>();
        services.AddSingleton<ITaskHandlerSource, ModuleTaskHandlerSource>();
        services.AddSingleton<IScheduleSource, ModuleScheduleSource>();
        services.AddTransient<TransientRetryHandler>();
        services.AddHttpClient(ModuleContextFactory.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .AddHttpMessageHandler<TransientRetryHandler>();
        return services;
    }
}
