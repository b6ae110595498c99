using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

/// <summary>Runs the migration step from the installed version to the code's version.</summary>
[RequiresPermission(Permissions.ModulesManage)]
public sealed record UpdateModule(string Key) : ICommand<ModuleDto>;

public sealed class UpdateModuleHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog, IServiceProvider services, TimeProvider clock) : IRequestHandler<UpdateModule, ModuleDto>
{
    public async Task<ModuleDto> Handle(UpdateModule request, CancellationToken cancellationToken)
    {
        var module = ModuleRules.Require(catalog, request.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Modules.FirstOrDefaultAsync(m => m.Key == module.Key, cancellationToken);
        if (ModuleDescriptor.StateOf(record, module.Version) != ModuleState.NeedsUpdate || record is null)
            throw new RuleViolationException($"{module.Manifest.Name} needs no update.");
        await ModuleRules.MigrateAsync(services, module, record.InstalledVersion, cancellationToken);
        record.InstalledVersion = module.Version;
        record.UpdatedAt = ModuleRules.Now(clock);
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return ModuleRules.ToDto(module, record);
    }
}
