using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

[RequiresPermission(Permissions.ClientsView)]
public sealed record GetClient(Guid Id) : IQuery<ClientDetails>;

public sealed class GetClientHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetClient, ClientDetails>
{
    public async Task<ClientDetails> Handle(GetClient request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ClientRules.LoadDetailsAsync(db, request.Id, cancellationToken);
    }
}
