using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff.MyAccount;

/// <summary>The signed-in staff member as the console header and GET /api/admin/v1/me show them.</summary>
public sealed record MyAccount(Guid Id, string Email, string FirstName, string LastName, string Name, bool IsSuperAdmin, bool TwoFactorEnabled, IReadOnlyList<string> Permissions);

[AnyStaff]
public sealed record GetMyAccount : IQuery<MyAccount>;

public sealed class GetMyAccountHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, IAccountAccess access) : IRequestHandler<GetMyAccount, MyAccount>
{
    public async Task<MyAccount> Handle(GetMyAccount request, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId ?? throw new NotAuthenticatedException();
        var rights = await access.GetStaffAccessAsync(staffId, cancellationToken) ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await db.StaffAccounts.AsNoTracking().FirstAsync(s => s.Id == staffId, cancellationToken);
        return new MyAccount(me.Id, me.Email, me.FirstName, me.LastName, me.FullName, me.IsSuperAdmin, me.TwoFactorEnabled,
            rights.Effective.Order(StringComparer.Ordinal).ToArray());
    }
}
