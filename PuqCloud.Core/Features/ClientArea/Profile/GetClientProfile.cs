using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>Any member may read the profile of a client they belong to.</summary>
[ClientMember]
public sealed record GetClientProfile(Guid ClientId) : IQuery<ClientProfile>, IClientScoped;

public sealed class GetClientProfileHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetClientProfile, ClientProfile>
{
    public async Task<ClientProfile> Handle(GetClientProfile request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ClientProfileRules.LoadAsync(db, request.ClientId, cancellationToken);
    }
}
