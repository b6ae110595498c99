using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

[RequiresPermission(Permissions.ModulesView)]
public sealed record GetModuleSettings(string Key) : IQuery<ModuleSettingsDto>;

public sealed class GetModuleSettingsHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog) : IRequestHandler<GetModuleSettings, ModuleSettingsDto>
{
    public async Task<ModuleSettingsDto> Handle(GetModuleSettings request, CancellationToken cancellationToken)
    {
        var module = ModuleRules.Require(catalog, request.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ModuleRules.LoadSettingsAsync(db, module, cancellationToken);
    }
}
