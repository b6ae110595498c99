using System.Data;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>One administrator in the Admins grid.</summary>
public sealed record AdminRow(Guid Id, string Email, string FirstName, string LastName, string Name, AccountStatus Status, bool IsSuperAdmin,
    bool TwoFactorEnabled, DateTime? LastSignInAt, IReadOnlyList<GroupRef> Groups);

[RequiresPermission(Permissions.AdminsView)]
public sealed record ListAdmins(PageRequest Page, AccountStatus? Status = null) : IQuery<PagedResult<AdminRow>>;

public sealed class ListAdminsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListAdmins, PagedResult<AdminRow>>
{
    private static readonly SortMap<StaffAccount> Sorts = new SortMap<StaffAccount>("name")
        .Add("name", s => s.FirstName + " " + s.LastName)
        .Add("email", s => s.Email)
        .Add("status", s => s.Status)
        .Add("isSuperAdmin", s => s.IsSuperAdmin)
        .Add("twoFactorEnabled", s => s.TwoFactorEnabled)
        .Add("lastSignInAt", s => s.LastSignInAt)
        .Add("createdAt", s => s.CreatedAt);

    public async Task<PagedResult<AdminRow>> Handle(ListAdmins request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.StaffAccounts.AsNoTracking();
        if (request.Status is { } status) query = query.Where(s => s.Status == status);
        if (request.Page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            query = query.Where(s => EF.Functions.Like(s.Email.ToLower(), pattern, "\\")
                || EF.Functions.Like((s.FirstName + " " + s.LastName).ToLower(), pattern, "\\"));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, s => new
        {
            s.Id, s.Email, s.FirstName, s.LastName, s.Status, s.IsSuperAdmin, s.TwoFactorEnabled, s.LastSignInAt,
            Groups = s.Groups.Select(g => new { g.GroupId, g.Group!.Name }).ToList(),
        }, cancellationToken);
        var rows = page.Items.Select(s => new AdminRow(s.Id, s.Email, s.FirstName, s.LastName, $"{s.FirstName} {s.LastName}".Trim(), s.Status,
            s.IsSuperAdmin, s.TwoFactorEnabled, s.LastSignInAt,
            s.Groups.OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).Select(g => new GroupRef(g.GroupId, g.Name)).ToList())).ToList();
        return new PagedResult<AdminRow>(rows, page.Total, page.Page, page.PageSize);
    }
}
