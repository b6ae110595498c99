using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>The signed-in client user as the client area's header and My Account show them.</summary>
public sealed record MyClientAccount(Guid Id, string Email, string Name, bool TwoFactorEnabled, string Language = "en");

[AnyClientUser]
public sealed record GetMyClientAccount : IQuery<MyClientAccount>;

public sealed class GetMyClientAccountHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors) : IRequestHandler<GetMyClientAccount, MyClientAccount>
{
    public async Task<MyClientAccount> Handle(GetMyClientAccount request, CancellationToken cancellationToken)
    {
        var id = actors.Current.ClientUserId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await db.ClientUsers.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotAuthenticatedException();
        return new MyClientAccount(me.Id, me.Email, me.FullName, me.TwoFactorEnabled, me.Language);
    }
}
