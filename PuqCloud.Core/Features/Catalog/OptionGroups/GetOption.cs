using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.OptionGroupsView)]
public sealed record GetOption(Guid GroupId, Guid OptionId) : IQuery<OptionDto>;

public sealed class GetOptionHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetOption, OptionDto>
{
    public async Task<OptionDto> Handle(GetOption request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await OptionGroupReads.OptionAsync(db, request.GroupId, request.OptionId, cancellationToken);
    }
}
