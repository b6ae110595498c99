using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

[RequiresPermission(Permissions.UsersView)]
public sealed record GetUser(Guid Id) : IQuery<UserDetails>;

public sealed class GetUserHandler(IDbContextFactory<AppDbContext> contexts, TypeAdapterConfig mapping) : IRequestHandler<GetUser, UserDetails>
{
    public async Task<UserDetails> Handle(GetUser request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await UserRules.FindAsync(db, request.Id, cancellationToken)).Adapt<UserDetails>(mapping);
    }
}
