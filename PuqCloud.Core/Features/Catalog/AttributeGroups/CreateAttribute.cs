using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Attributes are part of their group: adding, changing and removing one is editing the group.</summary>
[RequiresPermission(Permissions.AttributeGroupsEdit)]
public sealed record CreateAttribute(Guid GroupId, string Key, IReadOnlyDictionary<string, string>? Name, bool IsVisible) : ICommand<AttributeDto>, IAttributeFields;

public sealed class CreateAttributeValidator : CatalogNamedFieldsValidator<CreateAttribute>;

public sealed class CreateAttributeHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<CreateAttribute, AttributeDto>
{
    public async Task<AttributeDto> Handle(CreateAttribute request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.AttributeGroups.AnyAsync(g => g.Id == request.GroupId, cancellationToken)) throw new NotFoundException(AttributeGroupRules.NotFound);
        var attribute = new ProductAttribute { AttributeGroupId = request.GroupId };
        await AttributeGroupRules.ApplyAsync(db, attribute, request, cancellationToken);
        db.ProductAttributes.Add(attribute);
        await db.SaveChangesAsync(cancellationToken);
        return (await AttributeGroupRules.AttributesAsync(db, request.GroupId, attribute.Id, cancellationToken))[0];
    }
}
