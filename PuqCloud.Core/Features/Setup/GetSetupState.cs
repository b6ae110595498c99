using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Domain.Platform;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Setup;

/// <summary>Whether the one-time setup page is still open: true until the first staff account exists.</summary>
[Anonymous]
public sealed record GetSetupState : IQuery<bool>;

public sealed class GetSetupStateHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetSetupState, bool>
{
    public async Task<bool> Handle(GetSetupState request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.StaffAccounts.AnyAsync(cancellationToken);
    }
}
