using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>A row of Manage Users: avatar initials, status, 2FA, contacts, clients counter, created.</summary>
public sealed record UserListItem(Guid Id, string Name, string Initials, string Email, string? Phone, AccountStatus Status, bool TwoFactorEnabled,
    bool EmailVerified, bool PhoneVerified, int ClientCount, DateTime CreatedAt);

[RequiresPermission(Permissions.UsersView)]
public sealed record ListUsers(PageRequest Page) : IQuery<PagedResult<UserListItem>>;

public sealed class ListUsersHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListUsers, PagedResult<UserListItem>>
{
    private static readonly SortMap<ClientUser> Sorts = new SortMap<ClientUser>("-createdAt")
        .Add("name", u => u.LastName)
        .Add("email", u => u.Email)
        .Add("status", u => u.Status)
        .Add("clientCount", u => u.Memberships.Count)
        .Add("createdAt", u => u.CreatedAt);

    public async Task<PagedResult<UserListItem>> Handle(ListUsers request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ClientUsers.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var p = PagingExtensions.LikePattern(search);
            query = query.Where(u => EF.Functions.Like(u.Email, p, "\\") || EF.Functions.Like((u.FirstName + " " + u.LastName).ToLower(), p, "\\") || EF.Functions.Like(u.Phone ?? "", p, "\\"));
        }
        return await query.ToPageAsync(request.Page, Sorts, u => new UserListItem(u.Id, u.FirstName + " " + u.LastName,
            (u.FirstName.Length > 0 ? u.FirstName.Substring(0, 1) : "") + (u.LastName.Length > 0 ? u.LastName.Substring(0, 1) : ""),
            u.Email, u.Phone, u.Status, u.TwoFactorEnabled, u.EmailVerifiedAt != null, u.PhoneVerifiedAt != null, u.Memberships.Count, u.CreatedAt), cancellationToken);
    }
}
