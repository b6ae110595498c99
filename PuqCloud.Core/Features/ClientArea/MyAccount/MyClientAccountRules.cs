using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>Steps that several MyClientAccount use cases share.</summary>
internal static class MyClientAccountRules
{
    internal static async Task<ClientUser> LoadMeAsync(ActorContext actors, AppDbContext db, CancellationToken cancellationToken)
    {
        var id = actors.Current.ClientUserId ?? throw new NotAuthenticatedException();
        return await db.ClientUsers.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotAuthenticatedException();
    }
}
