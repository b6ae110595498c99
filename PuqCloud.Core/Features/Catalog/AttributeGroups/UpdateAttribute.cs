using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.AttributeGroupsEdit)]
public sealed record UpdateAttribute(Guid GroupId, Guid AttributeId, string Key, IReadOnlyDictionary<string, string>? Name, bool IsVisible) : ICommand<AttributeDto>, IAttributeFields;

public sealed class UpdateAttributeValidator : CatalogNamedFieldsValidator<UpdateAttribute>;

public sealed class UpdateAttributeHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<UpdateAttribute, AttributeDto>
{
    public async Task<AttributeDto> Handle(UpdateAttribute request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attribute = await AttributeGroupRules.FindAttributeAsync(db, request.GroupId, request.AttributeId, cancellationToken);
        await AttributeGroupRules.ApplyAsync(db, attribute, request, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (await AttributeGroupRules.AttributesAsync(db, request.GroupId, attribute.Id, cancellationToken))[0];
    }
}
