using System.Data.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

[RequiresPermission(Permissions.AdminsView)]
public sealed record GetAdmin(Guid Id) : IQuery<AdminDetails>;

public sealed class GetAdminHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetAdmin, AdminDetails>
{
    public async Task<AdminDetails> Handle(GetAdmin request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AdminRules.LoadDetailsAsync(db, request.Id, cancellationToken);
    }
}
