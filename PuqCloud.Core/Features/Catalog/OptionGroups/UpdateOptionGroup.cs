using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record UpdateOptionGroup(Guid Id, string Key, IReadOnlyDictionary<string, string>? Name, IReadOnlyDictionary<string, string>? Description)
    : ICommand<OptionGroupDetails>, ICatalogGroupFields;

public sealed class UpdateOptionGroupValidator : CatalogGroupFieldsValidator<UpdateOptionGroup>;

public sealed class UpdateOptionGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<UpdateOptionGroup, OptionGroupDetails>
{
    public async Task<OptionGroupDetails> Handle(UpdateOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.OptionGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(OptionGroupRules.NotFound);
        var key = CatalogKeys.Normalize(request.Key);
        await OptionGroupRules.EnsureKeyFreeAsync(db, key, group.Id, cancellationToken);
        group.Key = key;
        group.Name = Translations.Normalize(request.Name);
        group.Description = Translations.Normalize(request.Description);
        await db.SaveChangesAsync(cancellationToken);
        return await OptionGroupReads.DetailsAsync(db, group.Id, cancellationToken);
    }
}
