using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.OptionGroupsView)]
public sealed record GetOptionGroup(Guid Id) : IQuery<OptionGroupDetails>;

public sealed class GetOptionGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetOptionGroup, OptionGroupDetails>
{
    public async Task<OptionGroupDetails> Handle(GetOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await OptionGroupReads.DetailsAsync(db, request.Id, cancellationToken);
    }
}
