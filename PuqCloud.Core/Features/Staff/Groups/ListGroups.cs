using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

public sealed record GroupRow(Guid Id, string Name, AdminGroupType Type, string? Description, int PermissionCount, int MemberCount);

[RequiresPermission(Permissions.GroupsView)]
public sealed record ListGroups(PageRequest Page, AdminGroupType? Type = null) : IQuery<PagedResult<GroupRow>>;

public sealed class ListGroupsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListGroups, PagedResult<GroupRow>>
{
    private static readonly SortMap<AdminGroup> Sorts = new SortMap<AdminGroup>("name")
        .Add("name", g => g.Name)
        .Add("type", g => g.Type)
        .Add("permissionCount", g => g.Permissions.Count)
        .Add("memberCount", g => g.Members.Count);

    public async Task<PagedResult<GroupRow>> Handle(ListGroups request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AdminGroups.AsNoTracking();
        if (request.Type is { } type) query = query.Where(g => g.Type == type);
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            query = query.Where(g => EF.Functions.Like(g.Name.ToLower(), pattern, "\\") || EF.Functions.Like((g.Description ?? "").ToLower(), pattern, "\\"));
        }
        return await query.ToPageAsync(request.Page, Sorts,
            g => new GroupRow(g.Id, g.Name, g.Type, g.Description, g.Permissions.Count, g.Members.Count), cancellationToken);
    }
}
