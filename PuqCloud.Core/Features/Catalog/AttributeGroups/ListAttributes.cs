using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.AttributeGroupsView)]
public sealed record ListAttributes(Guid GroupId) : IQuery<IReadOnlyList<AttributeDto>>;

public sealed class ListAttributesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListAttributes, IReadOnlyList<AttributeDto>>
{
    public async Task<IReadOnlyList<AttributeDto>> Handle(ListAttributes request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.AttributeGroups.AnyAsync(g => g.Id == request.GroupId, cancellationToken)) throw new NotFoundException(AttributeGroupRules.NotFound);
        return await AttributeGroupRules.AttributesAsync(db, request.GroupId, null, cancellationToken);
    }
}
