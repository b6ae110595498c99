using System.Data;
using System.Data.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>A group as an administrator's row names it.</summary>
public sealed record GroupRef(Guid Id, string Name);

/// <summary>One administrator in the Admins grid.</summary>
public sealed record AdminRow(Guid Id, string Email, string FirstName, string LastName, string Name, AccountStatus Status, bool IsSuperAdmin,
    bool TwoFactorEnabled, DateTime? LastSignInAt, IReadOnlyList<GroupRef> Groups);

/// <summary>One administrator as the edit page shows it. <see cref="AllowedIps"/> has one entry per line.</summary>
public sealed record AdminDetails(Guid Id, string Email, string FirstName, string LastName, string Name, string Language, AccountStatus Status,
    bool IsSuperAdmin, bool TwoFactorEnabled, DateTime? LastSignInAt, DateTime CreatedAt, string? AllowedIps, IReadOnlyList<GroupRef> Groups);

[RequiresPermission(Permissions.AdminsView)]
public sealed record ListAdmins(PageRequest Page, AccountStatus? Status = null) : IQuery<PagedResult<AdminRow>>;

[RequiresPermission(Permissions.AdminsView)]
public sealed record GetAdmin(Guid Id) : IQuery<AdminDetails>;

/// <summary>The staff groups an administrator can be put in (for the Groups field of the admin forms).</summary>
[RequiresPermission(Permissions.AdminsView)]
public sealed record ListAdminGroupChoices : IQuery<IReadOnlyList<GroupRef>>;

[RequiresPermission(Permissions.AdminsCreate)]
public sealed record CreateAdmin(string Email, string FirstName, string LastName, string Language, IReadOnlyList<Guid> GroupIds, bool IsSuperAdmin,
    string Password, string ConfirmPassword) : ICommand<AdminDetails>, IAdminFields;

[RequiresPermission(Permissions.AdminsEdit)]
public sealed record UpdateAdmin(Guid Id, string Email, string FirstName, string LastName, string Language, AccountStatus Status, bool IsSuperAdmin,
    IReadOnlyList<Guid> GroupIds, string? AllowedIps) : ICommand<AdminDetails>, IAdminFields;

/// <summary>Sets a new password; the new security stamp ends the administrator's existing console sessions.</summary>
[RequiresPermission(Permissions.AdminsEdit)]
public sealed record ChangeAdminPassword(Guid Id, string Password, string ConfirmPassword) : ICommand<Unit>;

[RequiresPermission(Permissions.AdminsDelete)]
public sealed record DeleteAdmin(Guid Id) : ICommand<Unit>;

/// <summary>The name and language rules the create and update forms share.</summary>
public interface IAdminFields
{
    string Email { get; }
    string FirstName { get; }
    string LastName { get; }
    string Language { get; }
    IReadOnlyList<Guid> GroupIds { get; }
}

public abstract class AdminFieldsValidator<T> : AbstractValidator<T> where T : IAdminFields
{
    protected AdminFieldsValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter an e-mail address.")
            .MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.FirstName).NotEmpty().WithMessage("Enter a first name.").MaximumLength(100);
        RuleFor(x => x.LastName).NotEmpty().WithMessage("Enter a last name.").MaximumLength(100);
        RuleFor(x => x.Language).Must(l => Languages.IsSupported(l)).WithMessage("Choose English (en) or Polish (pl).");
        RuleFor(x => x.GroupIds).NotNull().Must(ids => ids.Count <= 100).WithMessage("Choose at most 100 groups.");
    }
}

public sealed class CreateAdminValidator : AdminFieldsValidator<CreateAdmin>
{
    public CreateAdminValidator()
    {
        RuleFor(x => x.Password).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password, context.InstanceToValidate.Email))
                context.AddFailure(nameof(CreateAdmin.Password), problem);
        });
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("The passwords do not match.");
    }
}

public sealed class UpdateAdminValidator : AdminFieldsValidator<UpdateAdmin>
{
    public UpdateAdminValidator()
    {
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.AllowedIps).MaximumLength(2000).WithMessage("The list is too long: use CIDR ranges instead of single addresses.")
            .Custom((text, context) =>
            {
                var invalid = IpAllowList.Invalid(text);
                if (invalid.Count > 0)
                    context.AddFailure(nameof(UpdateAdmin.AllowedIps), $"Not an IP address or CIDR range: {string.Join(", ", invalid.Take(5))}.");
            });
    }
}

public sealed class ChangeAdminPasswordValidator : AbstractValidator<ChangeAdminPassword>
{
    public ChangeAdminPasswordValidator()
    {
        RuleFor(x => x.Password).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password))
                context.AddFailure(nameof(ChangeAdminPassword.Password), problem);
        });
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("The passwords do not match.");
    }
}

public sealed class AdminHandlers(IDbContextFactory<AppDbContext> contexts, ActorContext actors, IAccountAccess access) :
    IRequestHandler<ListAdmins, PagedResult<AdminRow>>,
    IRequestHandler<GetAdmin, AdminDetails>,
    IRequestHandler<ListAdminGroupChoices, IReadOnlyList<GroupRef>>,
    IRequestHandler<CreateAdmin, AdminDetails>,
    IRequestHandler<UpdateAdmin, AdminDetails>,
    IRequestHandler<ChangeAdminPassword, Unit>,
    IRequestHandler<DeleteAdmin, Unit>
{
    public const string LastSuperAdminMessage =
        "This is the last active super admin: it cannot be deleted, disabled or lose super-admin rights. Make another administrator a super admin first.";

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

    public async Task<AdminDetails> Handle(GetAdmin request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadDetailsAsync(db, request.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<GroupRef>> Handle(ListAdminGroupChoices request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.AdminGroups.AsNoTracking().Where(g => g.Type == AdminGroupType.Staff)
            .Select(g => new GroupRef(g.Id, g.Name)).ToListAsync(cancellationToken);
        return groups.OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public async Task<AdminDetails> Handle(CreateAdmin request, CancellationToken cancellationToken)
    {
        if (request.IsSuperAdmin) await RequireSuperAdminActorAsync("Only a super admin may create another super admin.", cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        await RequireUniqueEmailAsync(db, email, null, cancellationToken);
        var admin = new StaffAccount
        {
            Email = email,
            FirstName = request.FirstName.Trim(),
            LastName = request.LastName.Trim(),
            Language = request.Language,
            IsSuperAdmin = request.IsSuperAdmin,
            PasswordHash = AccountSignIn.HashPassword(request.Password),
        };
        admin.Groups.AddRange((await StaffGroupIdsAsync(db, request.GroupIds, cancellationToken)).Select(id => new StaffGroupMembership { GroupId = id }));
        db.StaffAccounts.Add(admin);
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await LoadDetailsAsync(db, admin.Id, cancellationToken);
    }

    public async Task<AdminDetails> Handle(UpdateAdmin request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Serializable: two people demoting the last two super admins at once must not both succeed.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var admin = await db.StaffAccounts.Include(s => s.Groups).FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such administrator.");
        if (admin.IsSuperAdmin || request.IsSuperAdmin)
            await RequireSuperAdminActorAsync("Only a super admin may change a super admin or grant super-admin rights.", cancellationToken);
        var losesSuperAdmin = admin.IsSuperAdmin && admin.Status == AccountStatus.Active && (!request.IsSuperAdmin || request.Status != AccountStatus.Active);
        if (losesSuperAdmin) await RequireAnotherActiveSuperAdminAsync(db, admin.Id, cancellationToken);
        if (admin.Id == actors.Current.StaffId && request.Status != AccountStatus.Active)
            throw new RuleViolationException("You cannot disable your own account.");

        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        await RequireUniqueEmailAsync(db, email, admin.Id, cancellationToken);
        var groupIds = await StaffGroupIdsAsync(db, request.GroupIds, cancellationToken);
        admin.Email = email;
        admin.FirstName = request.FirstName.Trim();
        admin.LastName = request.LastName.Trim();
        admin.Language = request.Language;
        admin.Status = request.Status;
        admin.IsSuperAdmin = request.IsSuperAdmin;
        admin.AllowedIps = IpAllowList.Normalize(request.AllowedIps);
        admin.Groups.RemoveAll(m => !groupIds.Contains(m.GroupId));
        admin.Groups.AddRange(groupIds.Where(id => admin.Groups.All(m => m.GroupId != id)).Select(id => new StaffGroupMembership { GroupId = id }));
        await SaveAsync(db, cancellationToken);
        await CommitAsync(transaction, cancellationToken);
        return await LoadDetailsAsync(db, admin.Id, cancellationToken);
    }

    public async Task<Unit> Handle(ChangeAdminPassword request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var admin = await db.StaffAccounts.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such administrator.");
        if (admin.IsSuperAdmin) await RequireSuperAdminActorAsync("Only a super admin may change a super admin's password.", cancellationToken);
        var problems = PasswordPolicy.Check(request.Password, admin.Email);
        if (problems.Count > 0) throw new RequestValidationException(new Dictionary<string, string[]> { [nameof(ChangeAdminPassword.Password)] = problems.ToArray() });
        admin.PasswordHash = AccountSignIn.HashPassword(request.Password);
        admin.SecurityStamp = Domain.Common.Account.NewStamp();
        admin.FailedSignInCount = 0;
        admin.LockoutEndsAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(DeleteAdmin request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var admin = await db.StaffAccounts.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such administrator.");
        if (admin.IsSuperAdmin)
        {
            await RequireSuperAdminActorAsync("Only a super admin may delete a super admin.", cancellationToken);
            if (admin.Status == AccountStatus.Active) await RequireAnotherActiveSuperAdminAsync(db, admin.Id, cancellationToken);
        }
        if (admin.Id == actors.Current.StaffId) throw new RuleViolationException("You cannot delete your own account.");
        db.StaffAccounts.Remove(admin);
        await SaveAsync(db, cancellationToken);
        await CommitAsync(transaction, cancellationToken);
        return Unit.Value;
    }

    private static async Task RequireAnotherActiveSuperAdminAsync(AppDbContext db, Guid adminId, CancellationToken cancellationToken)
    {
        var others = await db.StaffAccounts.CountAsync(s => s.Id != adminId && s.IsSuperAdmin && s.Status == AccountStatus.Active, cancellationToken);
        if (others == 0) throw new RuleViolationException(LastSuperAdminMessage);
    }

    /// <summary>Super-admin rights are given and taken only by super admins, so that a group's "edit admins" is not a way to all permissions.</summary>
    private async Task RequireSuperAdminActorAsync(string message, CancellationToken cancellationToken)
    {
        var actor = actors.Current;
        if (actor.IsSystem) return;
        var staff = actor.StaffId is { } id ? await access.GetStaffAccessAsync(id, cancellationToken) : null;
        if (staff is not { IsSuperAdmin: true }) throw new AccessDeniedException(message);
    }

    private static async Task RequireUniqueEmailAsync(AppDbContext db, string email, Guid? exceptId, CancellationToken cancellationToken)
    {
        if (await db.StaffAccounts.AnyAsync(s => s.Email == email && s.Id != exceptId, cancellationToken))
            throw RequestValidationException.For(nameof(IAdminFields.Email), "Another administrator already has this e-mail address.");
    }

    /// <summary>The requested groups, which must all exist and be staff groups.</summary>
    private static async Task<HashSet<Guid>> StaffGroupIdsAsync(AppDbContext db, IReadOnlyList<Guid> requested, CancellationToken cancellationToken)
    {
        var ids = requested.ToHashSet();
        if (ids.Count == 0) return ids;
        var found = await db.AdminGroups.Where(g => ids.Contains(g.Id) && g.Type == AdminGroupType.Staff).Select(g => g.Id).ToListAsync(cancellationToken);
        if (found.Count != ids.Count)
            throw RequestValidationException.For(nameof(IAdminFields.GroupIds), "Choose existing staff groups only.");
        return ids;
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (IsConflict(ex))
        {
            throw new RuleViolationException("Another change to administrators happened at the same time. Reload and try again.");
        }
    }

    private static async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (IsConflict(ex))
        {
            throw new RuleViolationException("Another change to administrators happened at the same time. Reload and try again.");
        }
    }

    /// <summary>
    /// A unique index refused the row, or serializable isolation refused a racing transaction: SQLSTATE 40001 or
    /// 23505 on PostgreSQL; on SQL Server error 1205 (deadlock victim) or 2601/2627 (duplicate key), which
    /// SqlClient reports by number, not SQLSTATE (the provider's execution strategy may wrap any of them in an
    /// InvalidOperationException).
    /// </summary>
    internal static bool IsConflict(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is DbUpdateException || e is DbException { SqlState: "40001" or "23505" }
                || e is Microsoft.Data.SqlClient.SqlException { Number: 1205 or 2601 or 2627 }) return true;
        return false;
    }

    private static async Task<AdminDetails> LoadDetailsAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var s = await db.StaffAccounts.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new
            {
                s.Id, s.Email, s.FirstName, s.LastName, s.Language, s.Status, s.IsSuperAdmin, s.TwoFactorEnabled, s.LastSignInAt, s.CreatedAt, s.AllowedIps,
                Groups = s.Groups.Select(g => new { g.GroupId, g.Group!.Name }).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("There is no such administrator.");
        return new AdminDetails(s.Id, s.Email, s.FirstName, s.LastName, $"{s.FirstName} {s.LastName}".Trim(), s.Language, s.Status, s.IsSuperAdmin,
            s.TwoFactorEnabled, s.LastSignInAt, s.CreatedAt, s.AllowedIps,
            s.Groups.OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).Select(g => new GroupRef(g.GroupId, g.Name)).ToList());
    }
}
