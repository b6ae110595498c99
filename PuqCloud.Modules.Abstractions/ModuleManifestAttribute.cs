namespace PuqCloud.Modules.Abstractions;

/// <summary>The kinds of module the host knows. Each kind gets its own contract in later issues.</summary>
public enum ModuleKind
{
    Product,
    Plugin,
    Payment,
    Notification,
    DnsServer,
    CertificateAuthority,
}

/// <summary>
/// Declares a module to the host. The host discovers modules from referenced assemblies by this
/// attribute on the module's entry class; it never scans folders.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModuleManifestAttribute(string key, ModuleKind kind, string name, string version) : Attribute
{
    public string Key { get; } = key;
    public ModuleKind Kind { get; } = kind;
    public string Name { get; } = name;
    public string Version { get; } = version;
    public string? Description { get; init; }
    /// <summary>A Material icon name for lists and menus.</summary>
    public string? Icon { get; init; }
}
