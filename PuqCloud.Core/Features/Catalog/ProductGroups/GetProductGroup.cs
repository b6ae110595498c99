using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.ProductGroupsView)]
public sealed record GetProductGroup(Guid Id) : IQuery<ProductGroupDetails>;

public sealed class GetProductGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetProductGroup, ProductGroupDetails>
{
    public async Task<ProductGroupDetails> Handle(GetProductGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ProductGroupRules.DetailsAsync(db, request.Id, cancellationToken);
    }
}
