using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

[AnyClientUser]
[NotWhileImpersonating]
public sealed record BeginClientTwoFactorSetup : ICommand<TwoFactorSetup>;

public sealed class BeginClientTwoFactorSetupHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TwoFactorSteps twoFactor) : IRequestHandler<BeginClientTwoFactorSetup, TwoFactorSetup>
{
    public async Task<TwoFactorSetup> Handle(BeginClientTwoFactorSetup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var setup = twoFactor.Begin(await MyClientAccountRules.LoadMeAsync(actors, db, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return setup;
    }
}
