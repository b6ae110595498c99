using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.AttributeGroupsCreate)]
public sealed record CreateAttributeGroup(string Key) : ICommand<AttributeGroupDetails>;

public sealed class CreateAttributeGroupValidator : AbstractValidator<CreateAttributeGroup>
{
    public CreateAttributeGroupValidator() => RuleFor(x => x.Key).ValidCatalogKey();
}

public sealed class CreateAttributeGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<CreateAttributeGroup, AttributeGroupDetails>
{
    public async Task<AttributeGroupDetails> Handle(CreateAttributeGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = CatalogKeys.Normalize(request.Key);
        await AttributeGroupRules.EnsureGroupKeyFreeAsync(db, key, null, cancellationToken);
        var group = new AttributeGroup { Key = key, IsVisible = true };
        db.AttributeGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return await AttributeGroupRules.DetailsAsync(db, group.Id, cancellationToken);
    }
}
