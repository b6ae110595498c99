using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

/// <summary>Switches a module off: its handlers, schedules, permissions and menu entries disappear; settings and data stay.</summary>
[RequiresPermission(Permissions.ModulesManage)]
public sealed record DeactivateModule(string Key) : ICommand<ModuleDto>;

public sealed class DeactivateModuleHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog, TimeProvider clock) : IRequestHandler<DeactivateModule, ModuleDto>
{
    public async Task<ModuleDto> Handle(DeactivateModule request, CancellationToken cancellationToken)
    {
        var module = ModuleRules.Require(catalog, request.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Modules.FirstOrDefaultAsync(m => m.Key == module.Key, cancellationToken);
        if (record is not { Status: ModuleStatus.Active }) throw new RuleViolationException($"{module.Manifest.Name} is not active.");
        record.Status = ModuleStatus.Inactive;
        record.UpdatedAt = ModuleRules.Now(clock);
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return ModuleRules.ToDto(module, record);
    }
}
