using System.Data;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

[RequiresPermission(Permissions.AdminsDelete)]
public sealed record DeleteAdmin(Guid Id) : ICommand<Unit>;

public sealed class DeleteAdminHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, IAccountAccess access, PermissionGrants grants) : IRequestHandler<DeleteAdmin, Unit>
{
    public async Task<Unit> Handle(DeleteAdmin request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var admin = await db.StaffAccounts.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such administrator.");
        if (admin.IsSuperAdmin)
        {
            await AdminRules.RequireSuperAdminActorAsync(actors, access, "Only a super admin may delete a super admin.", cancellationToken);
            if (admin.Status == AccountStatus.Active) await AdminRules.RequireAnotherActiveSuperAdminAsync(db, admin.Id, cancellationToken);
        }
        if (admin.Id == actors.Current.StaffId) throw new RuleViolationException("You cannot delete your own account.");
        await grants.RequireCanManageAdminAsync(db, admin.Id, cancellationToken);
        db.StaffAccounts.Remove(admin);
        await AdminRules.SaveAsync(db, cancellationToken);
        await AdminRules.CommitAsync(transaction, cancellationToken);
        return Unit.Value;
    }
}
