using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff.MyAccount;

/// <summary>Steps that several MyAccount use cases share.</summary>
internal static class MyAccountRules
{
    public const string Issuer = TwoFactorSteps.Issuer;

    internal static async Task<StaffAccount> LoadMeAsync(ActorContext actors, AppDbContext db, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId ?? throw new NotAuthenticatedException();
        return await db.StaffAccounts.FirstOrDefaultAsync(s => s.Id == staffId, cancellationToken) ?? throw new NotAuthenticatedException();
    }
}
