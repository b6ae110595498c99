using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff.MyAccount;

/// <summary>
/// A staff member changes their own password, proving the current one: every staff member may, whatever their groups
/// (setting someone's password, ChangeAdminPassword, needs staff.admins.edit and is not for oneself). The security stamp
/// changes, so every session of the account ends (this one too: one signs in again with the new password), and the API
/// tokens are revoked. Wrong current passwords count like failed sign-ins: after five, none is checked for a while.
/// </summary>
[AnyStaff]
public sealed record ChangeMyPassword(string CurrentPassword, string NewPassword, string ConfirmPassword) : ICommand<Unit>, IOwnPasswordChangeRequest;

public sealed class ChangeMyPasswordValidator : OwnPasswordChangeValidator<ChangeMyPassword>;

public sealed class ChangeMyPasswordHandler(IDbContextFactory<AppDbContext> contexts, OwnPasswordChange change, ActorContext actors, TimeProvider clock)
    : IRequestHandler<ChangeMyPassword, Unit>
{
    public async Task<Unit> Handle(ChangeMyPassword request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await MyAccountRules.LoadMeAsync(actors, db, cancellationToken);
        await change.ApplyAsync(db, me, request, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CredentialChanges.EndStaffWaysInAsync(db, me.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
