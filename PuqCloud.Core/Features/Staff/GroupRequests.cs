using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

public sealed record GroupRow(Guid Id, string Name, AdminGroupType Type, string? Description, int PermissionCount, int MemberCount);

public sealed record GroupMember(Guid Id, string Name, string Email);

public sealed record GroupDetails(Guid Id, string Name, AdminGroupType Type, string? Description, IReadOnlyList<string> Permissions,
    IReadOnlyList<GroupMember> Members, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>One permission of the catalog: its key and the area and action it is made of.</summary>
/// <summary>A permission of the catalog; a module's permission carries the title the module gave it.</summary>
public sealed record PermissionInfo(string Key, string Area, string Action, string? Title = null);

[RequiresPermission(Permissions.GroupsView)]
public sealed record ListGroups(PageRequest Page, AdminGroupType? Type = null) : IQuery<PagedResult<GroupRow>>;

[RequiresPermission(Permissions.GroupsView)]
public sealed record GetGroup(Guid Id) : IQuery<GroupDetails>;

/// <summary>Every staff permission, in catalog order, for the group page's toggles and GET /permissions.</summary>
[RequiresPermission(Permissions.GroupsView)]
public sealed record ListPermissions : IQuery<IReadOnlyList<PermissionInfo>>;

[RequiresPermission(Permissions.GroupsCreate)]
public sealed record CreateGroup(string Name, AdminGroupType Type, string? Description) : ICommand<GroupDetails>;

/// <summary>Renames a group and sets its description and, for staff groups, its permissions (the whole set).</summary>
[RequiresPermission(Security.Permissions.GroupsEdit)]
public sealed record UpdateGroup(Guid Id, string Name, string? Description, IReadOnlyList<string> Permissions) : ICommand<GroupDetails>;

/// <summary>Deletes a group; its members lose the permissions it gave them.</summary>
[RequiresPermission(Permissions.GroupsDelete)]
public sealed record DeleteGroup(Guid Id) : ICommand<Unit>;

public sealed class CreateGroupValidator : AbstractValidator<CreateGroup>
{
    public CreateGroupValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name, for example Support.").MaximumLength(100);
        RuleFor(x => x.Type).IsInEnum().WithMessage("Choose Staff or Notification.");
        RuleFor(x => x.Description).MaximumLength(1000);
    }
}

public sealed class UpdateGroupValidator : AbstractValidator<UpdateGroup>
{
    public UpdateGroupValidator(Core.Modules.IPermissionCatalog catalog)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name, for example Support.").MaximumLength(100);
        RuleFor(x => x.Description).MaximumLength(1000);
        RuleFor(x => x.Permissions).NotNull().CustomAsync(async (permissions, context, cancellationToken) =>
        {
            // The constants and the permissions of active modules.
            var known = (await catalog.AllAsync(cancellationToken)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            var unknown = (permissions ?? []).Where(p => !known.Contains(p)).ToList();
            if (unknown.Count > 0)
                context.AddFailure(nameof(UpdateGroup.Permissions), $"Unknown permission: {string.Join(", ", unknown.Take(5))}.");
        });
    }
}

public sealed class GroupHandlers(IDbContextFactory<AppDbContext> contexts, ActorContext actors, IAccountAccess access, Core.Modules.IPermissionCatalog catalog) :
    IRequestHandler<ListGroups, PagedResult<GroupRow>>,
    IRequestHandler<GetGroup, GroupDetails>,
    IRequestHandler<ListPermissions, IReadOnlyList<PermissionInfo>>,
    IRequestHandler<CreateGroup, GroupDetails>,
    IRequestHandler<UpdateGroup, GroupDetails>,
    IRequestHandler<DeleteGroup, Unit>
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

    public async Task<GroupDetails> Handle(GetGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadDetailsAsync(db, request.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<PermissionInfo>> Handle(ListPermissions request, CancellationToken cancellationToken) =>
        (await catalog.AllAsync(cancellationToken)).Select(p => new PermissionInfo(p.Key, Permissions.AreaOf(p.Key), Permissions.ActionOf(p.Key), p.Title)).ToList();

    public async Task<GroupDetails> Handle(CreateGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = request.Name.Trim();
        await RequireUniqueNameAsync(db, name, null, cancellationToken);
        var group = new AdminGroup { Name = name, Type = request.Type, Description = Clean(request.Description) };
        db.AdminGroups.Add(group);
        await SaveAsync(db, cancellationToken);
        return await LoadDetailsAsync(db, group.Id, cancellationToken);
    }

    public async Task<GroupDetails> Handle(UpdateGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await db.AdminGroups.Include(g => g.Permissions).FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such group.");
        var wanted = request.Permissions.ToHashSet(StringComparer.Ordinal);
        if (group.Type != AdminGroupType.Staff && wanted.Count > 0)
            throw RequestValidationException.For(nameof(UpdateGroup.Permissions), "Only staff groups carry permissions; this is a notification group.");
        var added = wanted.Where(p => group.Permissions.All(x => x.Permission != p)).ToList();
        await RequireHeldByActorAsync(added, cancellationToken);

        var name = request.Name.Trim();
        await RequireUniqueNameAsync(db, name, group.Id, cancellationToken);
        group.Name = name;
        group.Description = Clean(request.Description);
        group.Permissions.RemoveAll(p => !wanted.Contains(p.Permission));
        group.Permissions.AddRange(added.Select(p => new AdminGroupPermission { GroupId = group.Id, Permission = p }));
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await LoadDetailsAsync(db, group.Id, cancellationToken);
    }

    public async Task<Unit> Handle(DeleteGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.AdminGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such group.");
        // Permissions and memberships go with the group (cascade), so its members lose what it gave them.
        db.AdminGroups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>Someone who is not a super admin can give a group only permissions they hold themselves.</summary>
    private async Task RequireHeldByActorAsync(IReadOnlyList<string> added, CancellationToken cancellationToken)
    {
        if (added.Count == 0 || actors.Current.IsSystem) return;
        var staff = actors.Current.StaffId is { } id ? await access.GetStaffAccessAsync(id, cancellationToken) : null;
        var missing = added.Where(p => staff?.Has(p) != true).ToList();
        if (missing.Count > 0)
            throw new AccessDeniedException($"You can only give permissions you hold yourself; you lack {string.Join(", ", missing.Take(5))}.");
    }

    private static async Task RequireUniqueNameAsync(AppDbContext db, string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var lower = name.ToLower();
        if (await db.AdminGroups.AnyAsync(g => g.Name.ToLower() == lower && g.Id != exceptId, cancellationToken))
            throw RequestValidationException.For(nameof(CreateGroup.Name), $"A group named {name} already exists.");
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new RuleViolationException("Another change to groups happened at the same time. Reload and try again.");
        }
    }

    private static async Task<GroupDetails> LoadDetailsAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var g = await db.AdminGroups.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new
            {
                g.Id, g.Name, g.Type, g.Description, g.CreatedAt, g.UpdatedAt,
                Permissions = g.Permissions.Select(p => p.Permission).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("There is no such group.");
        var members = await db.StaffGroupMemberships.AsNoTracking().Where(m => m.GroupId == id)
            .Join(db.StaffAccounts, m => m.StaffAccountId, s => s.Id, (m, s) => new { s.Id, s.FirstName, s.LastName, s.Email })
            .ToListAsync(cancellationToken);
        return new GroupDetails(g.Id, g.Name, g.Type, g.Description, g.Permissions.Order(StringComparer.Ordinal).ToList(),
            members.Select(m => new GroupMember(m.Id, $"{m.FirstName} {m.LastName}".Trim(), m.Email)).OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).ToList(),
            g.CreatedAt, g.UpdatedAt);
    }
}
