using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.AttributeGroupsView)]
public sealed record GetAttributeGroup(Guid Id) : IQuery<AttributeGroupDetails>;

public sealed class GetAttributeGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetAttributeGroup, AttributeGroupDetails>
{
    public async Task<AttributeGroupDetails> Handle(GetAttributeGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AttributeGroupRules.DetailsAsync(db, request.Id, cancellationToken);
    }
}
