using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.AttributeGroupsView)]
public sealed record GetAttribute(Guid GroupId, Guid AttributeId) : IQuery<AttributeDto>;

public sealed class GetAttributeHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetAttribute, AttributeDto>
{
    public async Task<AttributeDto> Handle(GetAttribute request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await AttributeGroupRules.AttributesAsync(db, request.GroupId, request.AttributeId, cancellationToken)).SingleOrDefault()
            ?? throw new NotFoundException(AttributeGroupRules.AttributeNotFound);
    }
}
