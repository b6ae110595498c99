using System.Data;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>The staff groups an administrator can be put in (for the Groups field of the admin forms).</summary>
[RequiresPermission(Permissions.AdminsView)]
public sealed record ListAdminGroupChoices : IQuery<IReadOnlyList<GroupRef>>;

public sealed class ListAdminGroupChoicesHandler(IDbContextFactory<AppDbContext> contexts, TypeAdapterConfig mapping) : IRequestHandler<ListAdminGroupChoices, IReadOnlyList<GroupRef>>
{
    public async Task<IReadOnlyList<GroupRef>> Handle(ListAdminGroupChoices request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.AdminGroups.AsNoTracking().Where(g => g.Type == AdminGroupType.Staff)
            .ProjectToType<GroupRef>(mapping).ToListAsync(cancellationToken);
        return groups.OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}
