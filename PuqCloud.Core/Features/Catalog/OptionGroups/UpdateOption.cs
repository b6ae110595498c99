using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record UpdateOption(Guid GroupId, Guid OptionId, string Key, IReadOnlyDictionary<string, string>? Name) : ICommand<OptionDto>, ICatalogNamedFields;

public sealed class UpdateOptionValidator : CatalogNamedFieldsValidator<UpdateOption>;

public sealed class UpdateOptionHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<UpdateOption, OptionDto>
{
    public async Task<OptionDto> Handle(UpdateOption request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var option = await OptionRules.FindAsync(db, request.GroupId, request.OptionId, cancellationToken);
        await OptionRules.ApplyAsync(db, option, request, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await OptionGroupReads.OptionAsync(db, request.GroupId, option.Id, cancellationToken);
    }
}
