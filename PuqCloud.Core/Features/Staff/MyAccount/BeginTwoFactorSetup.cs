using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff.MyAccount;

/// <summary>Starts turning two-factor on: makes a new secret, kept pending until a code confirms it.</summary>
[AnyStaff]
public sealed record BeginTwoFactorSetup : ICommand<TwoFactorSetup>;

public sealed class BeginTwoFactorSetupHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TwoFactorSteps twoFactor) : IRequestHandler<BeginTwoFactorSetup, TwoFactorSetup>
{
    public async Task<TwoFactorSetup> Handle(BeginTwoFactorSetup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var setup = twoFactor.Begin(await MyAccountRules.LoadMeAsync(actors, db, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return setup;
    }
}
