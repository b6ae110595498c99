using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

/// <summary>
/// Saves the settings form; an empty secret keeps the saved one. No values at all (null) keep the saved form as it is,
/// decided here rather than by reading the form first: managing modules does not include viewing them.
/// </summary>
[RequiresPermission(Permissions.ModulesManage)]
public sealed record SaveModuleSettings(string Key, IReadOnlyDictionary<string, string?>? Values) : ICommand<ModuleSettingsDto>;

public sealed class SaveModuleSettingsHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog, ISecretProtector secrets) : IRequestHandler<SaveModuleSettings, ModuleSettingsDto>
{
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

    public async Task<ModuleSettingsDto> Handle(SaveModuleSettings request, CancellationToken cancellationToken)
    {
        var module = ModuleRules.Require(catalog, request.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (request.Values is not null)
        {
            var stored = await db.ModuleSettings.Where(s => s.ModuleKey == module.Key).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
            var values = ModuleSettingForm.Read(module.Instance.Settings, request.Values, key => stored.GetValueOrDefault(key)?.Value is { Length: > 0 }, secrets);
            foreach (var (key, value) in values) Put(db, stored, module.Key, key, value.Value, value.IsSecret);
            await db.SaveChangesAsync(cancellationToken);
        }
        return await ModuleRules.LoadSettingsAsync(db, module, cancellationToken);
    }
}
