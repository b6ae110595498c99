using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Preferences;

/// <summary>The time zone of whoever is signed in (staff member or client user): what pages convert instants to.</summary>
// Staff and client users alike: the handler reads only the signed-in person's own zone and refuses anyone else.
[Anonymous]
public sealed record GetMyTimeZone : IQuery<string>;

public sealed class GetMyTimeZoneHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors) : IRequestHandler<GetMyTimeZone, string>
{
    public async Task<string> Handle(GetMyTimeZone request, CancellationToken cancellationToken)
    {
        var actor = actors.Current;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var zone = actor.StaffId is { } staffId
            ? await db.StaffAccounts.Where(a => a.Id == staffId).Select(a => a.TimeZone).FirstOrDefaultAsync(cancellationToken)
            : actor.ClientUserId is { } userId
                ? await db.ClientUsers.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken)
                : null;
        return zone ?? throw new NotAuthenticatedException();
    }
}
