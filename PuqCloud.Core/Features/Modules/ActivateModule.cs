using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

/// <summary>Runs the module's migration step from the version it last ran (none the first time) and switches it on.</summary>
[RequiresPermission(Permissions.ModulesManage)]
public sealed record ActivateModule(string Key) : ICommand<ModuleDto>;

public sealed class ActivateModuleHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog, IServiceProvider services, TimeProvider clock) : IRequestHandler<ActivateModule, ModuleDto>
{
    public async Task<ModuleDto> Handle(ActivateModule request, CancellationToken cancellationToken)
    {
        var module = ModuleRules.Require(catalog, request.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Modules.FirstOrDefaultAsync(m => m.Key == module.Key, cancellationToken);
        if (record is { Status: ModuleStatus.Active }) throw new RuleViolationException($"{module.Manifest.Name} is already active.");
        await ModuleRules.MigrateAsync(services, module, record?.InstalledVersion, cancellationToken);
        if (record is null) db.Modules.Add(record = new ModuleRecord { Key = module.Key });
        record.Kind = module.Kind.ToString();
        record.Status = ModuleStatus.Active;
        record.InstalledVersion = module.Version;
        record.ActivatedAt = ModuleRules.Now(clock);
        record.UpdatedAt = ModuleRules.Now(clock);
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return ModuleRules.ToDto(module, record);
    }
}
