using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

/// <summary>Steps that several Module use cases share.</summary>
internal static class ModuleRules
{
    internal static async Task<StaffAccess?> StaffRightsAsync(ActorContext actors, IAccountAccess access, CancellationToken cancellationToken) =>
        actors.Current.StaffId is { } staffId ? await access.GetStaffAccessAsync(staffId, cancellationToken) : null;

    internal static async Task MigrateAsync(IServiceProvider services, ModuleDescriptor module, string? fromVersion, CancellationToken cancellationToken)
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

    internal static async Task<ModuleSettingsDto> LoadSettingsAsync(AppDbContext db, ModuleDescriptor module, CancellationToken cancellationToken)
    {
        var stored = await db.ModuleSettings.AsNoTracking().Where(s => s.ModuleKey == module.Key).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
        var record = await db.Modules.AsNoTracking().FirstOrDefaultAsync(m => m.Key == module.Key, cancellationToken);
        var fields = ModuleSettingForm.Describe(module.Instance.Settings, key => stored.GetValueOrDefault(key)?.Value);
        return new ModuleSettingsDto(ToDto(module, record), fields);
    }

    internal static ModuleDescriptor Require(IModuleCatalog catalog, string key) => catalog.Find(key) ?? throw new NotFoundException("There is no such module.");

    internal static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    internal static ModuleDto ToDto(ModuleDescriptor m, ModuleRecord? record) =>
        new(m.Key, m.Manifest.Name, m.Kind, m.Manifest.Description, m.Manifest.Icon, m.Version, record?.InstalledVersion,
            ModuleDescriptor.StateOf(record, m.Version), record?.ActivatedAt, m.Instance.Settings.Count > 0);
}
