using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.AttributeGroupsCreate)]
/// <summary>A new group: its key, and optionally its names and description in one step (the console's dialog asks the key only).</summary>
public sealed record CreateAttributeGroup(string Key, IReadOnlyDictionary<string, string>? Name = null, IReadOnlyDictionary<string, string>? Description = null,
    bool IsVisible = true) : ICommand<AttributeGroupDetails>, ICatalogGroupFields;

public sealed class CreateAttributeGroupValidator : CatalogGroupFieldsValidator<CreateAttributeGroup>;

public sealed class CreateAttributeGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<CreateAttributeGroup, AttributeGroupDetails>
{
    public async Task<AttributeGroupDetails> Handle(CreateAttributeGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = CatalogKeys.Normalize(request.Key);
        await AttributeGroupRules.EnsureGroupKeyFreeAsync(db, key, null, cancellationToken);
        var group = new AttributeGroup
        {
            Key = key, IsVisible = request.IsVisible,
            Name = Translations.Normalize(request.Name), Description = Translations.Normalize(request.Description),
        };
        db.AttributeGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return await AttributeGroupRules.DetailsAsync(db, group.Id, cancellationToken);
    }
}
