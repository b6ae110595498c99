using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Modules;

public sealed record ModuleDto(string Key, string Name, ModuleKind Kind, string? Description, string? Icon, string Version, string? InstalledVersion,
    ModuleState State, DateTime? ActivatedAt, bool HasSettings);

/// <summary>A settings field with its saved value; a secret never carries its value, only whether one is set.</summary>
public sealed record ModuleSettingDto(string Key, string Label, ModuleSettingType Type, bool Required, string? DefaultValue, string? Description,
    IReadOnlyList<string> Options, string? Value, bool IsSet);

public sealed record ModuleSettingsDto(ModuleDto Module, IReadOnlyList<ModuleSettingDto> Fields);

/// <summary>A menu entry of an active module that the signed-in staff member may use.</summary>
public sealed record ModuleMenuItem(string ModuleKey, string Title, string Path, string Icon);

[RequiresPermission(Permissions.ModulesView)]
public sealed record ListModules : IQuery<IReadOnlyList<ModuleDto>>;

[RequiresPermission(Permissions.ModulesView)]
public sealed record GetModuleSettings(string Key) : IQuery<ModuleSettingsDto>;

/// <summary>Runs the module's migration step from the version it last ran (none the first time) and switches it on.</summary>
[RequiresPermission(Permissions.ModulesManage)]
public sealed record ActivateModule(string Key) : ICommand<ModuleDto>;

/// <summary>Switches a module off: its handlers, schedules, permissions and menu entries disappear; settings and data stay.</summary>
[RequiresPermission(Permissions.ModulesManage)]
public sealed record DeactivateModule(string Key) : ICommand<ModuleDto>;

/// <summary>Runs the migration step from the installed version to the code's version.</summary>
[RequiresPermission(Permissions.ModulesManage)]
public sealed record UpdateModule(string Key) : ICommand<ModuleDto>;

/// <summary>Saves the settings form; an empty secret keeps the saved one.</summary>
[RequiresPermission(Permissions.ModulesManage)]
public sealed record SaveModuleSettings(string Key, IReadOnlyDictionary<string, string?> Values) : ICommand<ModuleSettingsDto>;

[AnyStaff]
public sealed record ListModuleMenu : IQuery<IReadOnlyList<ModuleMenuItem>>;

/// <summary>Whether the signed-in staff member may open a page of an active module (with the permission of its action, when it names one).</summary>
[AnyStaff]
public sealed record CanOpenModulePage(string Key, string? PermissionAction) : IQuery<bool>;

public sealed class ModuleHandlers(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog, IServiceProvider services, ISecretProtector secrets,
    ActorContext actors, IAccountAccess access, TimeProvider clock) :
    IRequestHandler<ListModules, IReadOnlyList<ModuleDto>>,
    IRequestHandler<GetModuleSettings, ModuleSettingsDto>,
    IRequestHandler<ActivateModule, ModuleDto>,
    IRequestHandler<DeactivateModule, ModuleDto>,
    IRequestHandler<UpdateModule, ModuleDto>,
    IRequestHandler<SaveModuleSettings, ModuleSettingsDto>,
    IRequestHandler<ListModuleMenu, IReadOnlyList<ModuleMenuItem>>,
    IRequestHandler<CanOpenModulePage, bool>
{
    public async Task<IReadOnlyList<ModuleDto>> Handle(ListModules request, CancellationToken cancellationToken)
    {
        var records = await catalog.RecordsAsync(cancellationToken);
        return catalog.Modules.Select(m => ToDto(m, records.GetValueOrDefault(m.Key))).ToList();
    }

    public async Task<ModuleSettingsDto> Handle(GetModuleSettings request, CancellationToken cancellationToken)
    {
        var module = Require(request.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadSettingsAsync(db, module, cancellationToken);
    }

    public async Task<ModuleDto> Handle(ActivateModule request, CancellationToken cancellationToken)
    {
        var module = Require(request.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Modules.FirstOrDefaultAsync(m => m.Key == module.Key, cancellationToken);
        if (record is { Status: ModuleStatus.Active }) throw new RuleViolationException($"{module.Manifest.Name} is already active.");
        await MigrateAsync(module, record?.InstalledVersion, cancellationToken);
        if (record is null) db.Modules.Add(record = new ModuleRecord { Key = module.Key });
        record.Kind = module.Kind.ToString();
        record.Status = ModuleStatus.Active;
        record.InstalledVersion = module.Version;
        record.ActivatedAt = Now();
        record.UpdatedAt = Now();
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return ToDto(module, record);
    }

    public async Task<ModuleDto> Handle(DeactivateModule request, CancellationToken cancellationToken)
    {
        var module = Require(request.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Modules.FirstOrDefaultAsync(m => m.Key == module.Key, cancellationToken);
        if (record is not { Status: ModuleStatus.Active }) throw new RuleViolationException($"{module.Manifest.Name} is not active.");
        record.Status = ModuleStatus.Inactive;
        record.UpdatedAt = Now();
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return ToDto(module, record);
    }

    public async Task<ModuleDto> Handle(UpdateModule request, CancellationToken cancellationToken)
    {
        var module = Require(request.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Modules.FirstOrDefaultAsync(m => m.Key == module.Key, cancellationToken);
        if (ModuleDescriptor.StateOf(record, module.Version) != ModuleState.NeedsUpdate || record is null)
            throw new RuleViolationException($"{module.Manifest.Name} needs no update.");
        await MigrateAsync(module, record.InstalledVersion, cancellationToken);
        record.InstalledVersion = module.Version;
        record.UpdatedAt = Now();
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return ToDto(module, record);
    }

    public async Task<ModuleSettingsDto> Handle(SaveModuleSettings request, CancellationToken cancellationToken)
    {
        var module = Require(request.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ModuleSettings.Where(s => s.ModuleKey == module.Key).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
        var values = ModuleSettingForm.Read(module.Instance.Settings, request.Values, key => stored.GetValueOrDefault(key)?.Value is { Length: > 0 }, secrets);
        foreach (var (key, value) in values) Put(db, stored, module.Key, key, value.Value, value.IsSecret);
        await db.SaveChangesAsync(cancellationToken);
        return await LoadSettingsAsync(db, module, cancellationToken);
    }

    public async Task<IReadOnlyList<ModuleMenuItem>> Handle(ListModuleMenu request, CancellationToken cancellationToken)
    {
        var rights = await StaffRightsAsync(cancellationToken);
        if (rights is null) return [];
        var active = await catalog.ActiveAsync(cancellationToken);
        return active.SelectMany(m => m.Instance.MenuEntries
                .Where(e => e.Permission is null || rights.Has(m.PermissionKey(e.Permission)))
                .Select(e => new ModuleMenuItem(m.Key, e.Title, e.Path, e.Icon)))
            .ToList();
    }

    public async Task<bool> Handle(CanOpenModulePage request, CancellationToken cancellationToken)
    {
        var module = catalog.Find(request.Key);
        if (module is null || !(await catalog.ActiveAsync(cancellationToken)).Contains(module)) return false;
        if (request.PermissionAction is null) return true;
        var rights = await StaffRightsAsync(cancellationToken);
        return rights?.Has(module.PermissionKey(request.PermissionAction)) == true;
    }

    private async Task<StaffAccess?> StaffRightsAsync(CancellationToken cancellationToken) =>
        actors.Current.StaffId is { } staffId ? await access.GetStaffAccessAsync(staffId, cancellationToken) : null;

    private async Task MigrateAsync(ModuleDescriptor module, string? fromVersion, CancellationToken cancellationToken)
    {
        var context = services.GetRequiredService<ModuleContextFactory>().Create(module, services);
        try
        {
            await module.Instance.MigrateAsync(context, fromVersion, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new RuleViolationException($"The migration step of {module.Manifest.Name} failed: {ex.Message}");
        }
    }

    private static void Put(AppDbContext db, Dictionary<string, ModuleSettingValue> stored, string moduleKey, string key, string? value, bool isSecret)
    {
        if (!stored.TryGetValue(key, out var row))
        {
            row = new ModuleSettingValue { ModuleKey = moduleKey, Key = key };
            db.ModuleSettings.Add(row);
            stored[key] = row;
        }
        row.Value = value;
        row.IsSecret = isSecret;
    }

    private async Task<ModuleSettingsDto> LoadSettingsAsync(AppDbContext db, ModuleDescriptor module, CancellationToken cancellationToken)
    {
        var stored = await db.ModuleSettings.AsNoTracking().Where(s => s.ModuleKey == module.Key).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
        var record = await db.Modules.AsNoTracking().FirstOrDefaultAsync(m => m.Key == module.Key, cancellationToken);
        var fields = ModuleSettingForm.Describe(module.Instance.Settings, key => stored.GetValueOrDefault(key)?.Value);
        return new ModuleSettingsDto(ToDto(module, record), fields);
    }

    private ModuleDescriptor Require(string key) => catalog.Find(key) ?? throw new NotFoundException("There is no such module.");

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static ModuleDto ToDto(ModuleDescriptor m, ModuleRecord? record) =>
        new(m.Key, m.Manifest.Name, m.Kind, m.Manifest.Description, m.Manifest.Icon, m.Version, record?.InstalledVersion,
            ModuleDescriptor.StateOf(record, m.Version), record?.ActivatedAt, m.Instance.Settings.Count > 0);
}
