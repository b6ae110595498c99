using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ApiTokens;

[AnyStaff]
public sealed record RevokeApiToken(Guid Id) : ICommand<Unit>;

public sealed class RevokeApiTokenHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TimeProvider clock) : IRequestHandler<RevokeApiToken, Unit>
{
    public async Task<Unit> Handle(RevokeApiToken request, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == request.Id && t.StaffAccountId == staffId, cancellationToken)
            ?? throw new NotFoundException("There is no such token among yours.");
        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
