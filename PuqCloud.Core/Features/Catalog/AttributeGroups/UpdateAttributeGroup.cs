using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.AttributeGroupsEdit)]
public sealed record UpdateAttributeGroup(Guid Id, string Key, IReadOnlyDictionary<string, string>? Name, IReadOnlyDictionary<string, string>? Description,
    bool IsVisible) : ICommand<AttributeGroupDetails>, ICatalogGroupFields;

public sealed class UpdateAttributeGroupValidator : CatalogGroupFieldsValidator<UpdateAttributeGroup>;

public sealed class UpdateAttributeGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<UpdateAttributeGroup, AttributeGroupDetails>
{
    public async Task<AttributeGroupDetails> Handle(UpdateAttributeGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.AttributeGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(AttributeGroupRules.NotFound);
        var key = CatalogKeys.Normalize(request.Key);
        await AttributeGroupRules.EnsureGroupKeyFreeAsync(db, key, group.Id, cancellationToken);
        group.Key = key;
        group.Name = Translations.Normalize(request.Name);
        group.Description = Translations.Normalize(request.Description);
        group.IsVisible = request.IsVisible;
        await db.SaveChangesAsync(cancellationToken);
        return await AttributeGroupRules.DetailsAsync(db, group.Id, cancellationToken);
    }
}
