using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>Changes the user's own password; answers the new session (the security stamp changes, other sessions end).</summary>
[AnyClientUser]
[NotWhileImpersonating]
public sealed record ChangeMyClientPassword(string CurrentPassword, string NewPassword, string ConfirmPassword) : ICommand<SignInResult>, IOwnPasswordChangeRequest;

public sealed class ChangeMyClientPasswordValidator : OwnPasswordChangeValidator<ChangeMyClientPassword>;

public sealed class ChangeMyClientPasswordHandler(IDbContextFactory<AppDbContext> contexts, OwnPasswordChange change, ActorContext actors, TimeProvider clock)
    : IRequestHandler<ChangeMyClientPassword, SignInResult>
{
    public async Task<SignInResult> Handle(ChangeMyClientPassword request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await MyClientAccountRules.LoadMeAsync(actors, db, cancellationToken);
        await change.ApplyAsync(db, me, request, cancellationToken);
        // A reset link asked for before the change, or an API token made before it (perhaps by whoever the change shuts
        // out), no longer lets anyone in.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CredentialChanges.EndClientUserWaysInAsync(db, me.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SignInResult(SignInOutcome.Succeeded, me.Id, me.Email, me.FullName, me.SecurityStamp);
    }
}
