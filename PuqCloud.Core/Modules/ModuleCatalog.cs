using System.Reflection;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Modules;

/// <summary>What the host knows of a module's state: never activated (or switched off), running, or running older data than its code.</summary>
public enum ModuleState
{
    Inactive,
    Active,
    NeedsUpdate,
}

/// <summary>A module found in a referenced assembly: its manifest and its one instance.</summary>
public sealed record ModuleDescriptor(ModuleManifestAttribute Manifest, IModule Instance)
{
    public string Key => Manifest.Key;
    public ModuleKind Kind => Manifest.Kind;
    public string Version => Manifest.Version;

    /// <summary>The permission a module names by its action, as the staff catalog spells it.</summary>
    public string PermissionKey(string action) => action.StartsWith("module.", StringComparison.Ordinal) ? action : $"module.{Key}.{action}";

    public static ModuleState StateOf(ModuleRecord? record, string codeVersion) => record switch
    {
        null or { Status: ModuleStatus.Inactive } => ModuleState.Inactive,
        { InstalledVersion: var installed } when installed != codeVersion => ModuleState.NeedsUpdate,
        _ => ModuleState.Active,
    };
}

/// <summary>The modules of the referenced assemblies and which of them are active.</summary>
public interface IModuleCatalog
{
    IReadOnlyList<ModuleDescriptor> Modules { get; }
    ModuleDescriptor? Find(string key);
    Task<IReadOnlyDictionary<string, ModuleRecord>> RecordsAsync(CancellationToken cancellationToken = default);
    /// <summary>Active modules (also those waiting for an update); remembered for a few seconds.</summary>
    Task<IReadOnlyList<ModuleDescriptor>> ActiveAsync(CancellationToken cancellationToken = default);
    /// <summary>Forget the remembered active set (after this node changed a module).</summary>
    void Invalidate();
}

/// <summary>
/// Circuits, task workers and the scheduler read the active set at once: it is an immutable snapshot swapped as one
/// reference, and a reload that began before an <see cref="Invalidate"/> is not remembered (it may have read the old state).
/// </summary>
public sealed class ModuleCatalog : IModuleCatalog
{
    // Other nodes' activations reach this node within this time.
    private static readonly TimeSpan ActiveLifetime = TimeSpan.FromSeconds(5);

    private readonly DatabaseOptions _database;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, ModuleDescriptor> _byKey;
    private sealed record Snapshot(DateTimeOffset At, IReadOnlyList<ModuleDescriptor> Modules);

    private Snapshot? _active;
    private long _generation;

    public ModuleCatalog(IEnumerable<Assembly> assemblies, DatabaseOptions database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        Modules = Discover(assemblies);
        _byKey = Modules.ToDictionary(m => m.Key, StringComparer.Ordinal);
    }

    public IReadOnlyList<ModuleDescriptor> Modules { get; }

    /// <summary>Non-abstract classes with [ModuleManifest] that implement IModule, one instance each; keys must be unique.</summary>
    public static IReadOnlyList<ModuleDescriptor> Discover(IEnumerable<Assembly> assemblies)
    {
        var found = new List<ModuleDescriptor>();
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()).Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IModule).IsAssignableFrom(t)))
        {
            if (type.GetCustomAttribute<ModuleManifestAttribute>() is not { } manifest) continue;
            if (found.Any(m => m.Key == manifest.Key))
                throw new InvalidOperationException($"Two modules share the key {manifest.Key}.");
            found.Add(new ModuleDescriptor(manifest, (IModule)Activator.CreateInstance(type)!));
        }
        return found.OrderBy(m => m.Kind).ThenBy(m => m.Manifest.Name, StringComparer.Ordinal).ToList();
    }

    public ModuleDescriptor? Find(string key) => _byKey.GetValueOrDefault(key);

    public async Task<IReadOnlyDictionary<string, ModuleRecord>> RecordsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = _database.CreatePlainContext();
        return await db.Modules.AsNoTracking().ToDictionaryAsync(m => m.Key, StringComparer.Ordinal, cancellationToken);
    }

    public async Task<IReadOnlyList<ModuleDescriptor>> ActiveAsync(CancellationToken cancellationToken = default)
    {
        var active = Volatile.Read(ref _active);
        if (active is not null && _clock.GetUtcNow() - active.At < ActiveLifetime) return active.Modules;
        var generation = Interlocked.Read(ref _generation);
        await using var db = _database.CreatePlainContext();
        var keys = await db.Modules.AsNoTracking().Where(m => m.Status == ModuleStatus.Active).Select(m => m.Key).ToListAsync(cancellationToken);
        var modules = keys.Select(Find).OfType<ModuleDescriptor>().ToList();
        var loaded = new Snapshot(_clock.GetUtcNow(), modules);
        // Remember it only if nobody invalidated meanwhile; a later reader then loads again.
        if (Interlocked.Read(ref _generation) == generation) Interlocked.CompareExchange(ref _active, loaded, active);
        return modules;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _active, null);
    }
}
