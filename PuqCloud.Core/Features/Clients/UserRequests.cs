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

public sealed record UserDetails(Guid Id, string Email, string FirstName, string LastName, string? Phone, string Language, AccountStatus Status, bool TwoFactorEnabled,
    bool EmailVerified, bool PhoneVerified, string? AdminNotes, DateTime CreatedAt, DateTime? LastSignInAt);

/// <summary>A client of a user, for the "User Clients" dialog.</summary>
public sealed record UserClientDto(Guid ClientId, string Name, string? CompanyName, string? TaxId, ClientStatus Status, bool IsOwner);

public interface IUserFields
{
    string Email { get; }
    string FirstName { get; }
    string LastName { get; }
    string? Phone { get; }
    string Language { get; }
    string? AdminNotes { get; }
}

[RequiresPermission(Permissions.UsersView)]
public sealed record ListUsers(PageRequest Page) : IQuery<PagedResult<UserListItem>>;

[RequiresPermission(Permissions.UsersView)]
public sealed record GetUser(Guid Id) : IQuery<UserDetails>;

[RequiresPermission(Permissions.UsersView)]
public sealed record ListUserClients(Guid UserId) : IQuery<IReadOnlyList<UserClientDto>>;

[RequiresPermission(Permissions.UsersCreate)]
public sealed record CreateUser(string Email, string Password, string FirstName, string LastName, string? Phone, string Language, string? AdminNotes) : ICommand<UserDetails>, IUserFields;

/// <summary>
/// Edits a user. A new password is set only when given; two-factor can be turned off (for a user who lost
/// the device), not on; null leaves it as it is.
/// </summary>
[RequiresPermission(Permissions.UsersEdit)]
public sealed record UpdateUser(Guid Id, string Email, string FirstName, string LastName, string? Phone, string Language, string? AdminNotes, AccountStatus Status,
    bool EmailVerified, bool PhoneVerified, bool? TwoFactorEnabled, string? NewPassword) : ICommand<UserDetails>, IUserFields;

/// <summary>Deletes a user, unless they are the owner of a client (make someone else the owner first).</summary>
[RequiresPermission(Permissions.UsersDelete)]
public sealed record DeleteUser(Guid Id) : ICommand<Unit>;

public sealed class UserFieldsValidator<T> : AbstractValidator<T> where T : IUserFields
{
    public UserFieldsValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter the e-mail address.").MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.FirstName).NotEmpty().WithMessage("Enter the first name.").MaximumLength(100);
        RuleFor(x => x.LastName).NotEmpty().WithMessage("Enter the last name.").MaximumLength(100);
        RuleFor(x => x.Phone).MaximumLength(40).Matches(@"^\+[0-9][0-9 ()-]{4,38}$").When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithMessage("Write the phone number with its country code, for example +48 123 456 789.");
        RuleFor(x => x.Language).Must(l => Languages.IsSupported(l)).WithMessage("Choose a language.");
        RuleFor(x => x.AdminNotes).MaximumLength(4000);
    }
}

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        Include(new UserFieldsValidator<CreateUser>());
        RuleFor(x => x.Password).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password, context.InstanceToValidate.Email)) context.AddFailure(nameof(CreateUser.Password), problem);
        });
    }
}

public sealed class UpdateUserValidator : AbstractValidator<UpdateUser>
{
    public UpdateUserValidator()
    {
        Include(new UserFieldsValidator<UpdateUser>());
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.NewPassword).Custom((password, context) =>
        {
            if (string.IsNullOrEmpty(password)) return;
            foreach (var problem in PasswordPolicy.Check(password, context.InstanceToValidate.Email)) context.AddFailure(nameof(UpdateUser.NewPassword), problem);
        });
    }
}

public sealed class UserHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) :
    IRequestHandler<ListUsers, PagedResult<UserListItem>>,
    IRequestHandler<GetUser, UserDetails>,
    IRequestHandler<ListUserClients, IReadOnlyList<UserClientDto>>,
    IRequestHandler<CreateUser, UserDetails>,
    IRequestHandler<UpdateUser, UserDetails>,
    IRequestHandler<DeleteUser, Unit>
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

    public async Task<UserDetails> Handle(GetUser request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return ToDetails(await FindAsync(db, request.Id, cancellationToken));
    }

    public async Task<IReadOnlyList<UserClientDto>> Handle(ListUserClients request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await FindAsync(db, request.UserId, cancellationToken);
        var rows = await db.ClientMemberships.AsNoTracking().Where(m => m.ClientUserId == request.UserId)
            .Select(m => new { m.ClientId, m.Client!.FirstName, m.Client.LastName, m.Client.CompanyName, m.Client.TaxId, m.Client.Status, m.IsOwner })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new UserClientDto(r.ClientId, string.IsNullOrWhiteSpace(r.CompanyName) ? $"{r.FirstName} {r.LastName}".Trim() : r.CompanyName!, r.CompanyName, r.TaxId, r.Status, r.IsOwner))
            .OrderBy(r => r.Name).ToList();
    }

    public async Task<UserDetails> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        if (await db.ClientUsers.AnyAsync(u => u.Email == email, cancellationToken))
            throw RequestValidationException.For(nameof(CreateUser.Email), "A user with this e-mail already exists.");
        var user = new ClientUser { Email = email, PasswordHash = AccountSignIn.HashPassword(request.Password) };
        ApplyFields(user, request);
        db.ClientUsers.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return ToDetails(user);
    }

    public async Task<UserDetails> Handle(UpdateUser request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await FindAsync(db, request.Id, cancellationToken);
        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        if (email != user.Email && await db.ClientUsers.AnyAsync(u => u.Email == email && u.Id != user.Id, cancellationToken))
            throw RequestValidationException.For(nameof(UpdateUser.Email), "A user with this e-mail already exists.");
        if (request.TwoFactorEnabled == true && !user.TwoFactorEnabled)
            throw RequestValidationException.For(nameof(UpdateUser.TwoFactorEnabled), "Two-factor sign-in is turned on by the user in the client area, where they scan the code.");
        var credentialsChanged = email != user.Email || !string.IsNullOrEmpty(request.NewPassword) || (user.TwoFactorEnabled && request.TwoFactorEnabled == false) || request.Status != user.Status;
        if (email != user.Email) user.EmailVerifiedAt = null;
        user.Email = email;
        ApplyFields(user, request);
        user.Status = request.Status;
        user.EmailVerifiedAt = request.EmailVerified ? user.EmailVerifiedAt ?? now : null;
        user.PhoneVerifiedAt = request.PhoneVerified ? user.PhoneVerifiedAt ?? now : null;
        if (request.TwoFactorEnabled == false)
        {
            user.TwoFactorEnabled = false;
            user.TotpSecret = null;
            user.PendingTotpSecret = null;
        }
        if (!string.IsNullOrEmpty(request.NewPassword)) user.PasswordHash = AccountSignIn.HashPassword(request.NewPassword);
        // New credentials end the user's other sessions.
        if (credentialsChanged) user.SecurityStamp = Domain.Common.Account.NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        return ToDetails(user);
    }

    public async Task<Unit> Handle(DeleteUser request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await FindAsync(db, request.Id, cancellationToken);
        var owned = await ClientRules.OwnedClientNamesAsync(db, user.Id, cancellationToken);
        if (owned.Count > 0)
            throw new RuleViolationException($"{user.FullName} is the owner of {string.Join(", ", owned)}. Make another user the owner first.");
        db.ClientUsers.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private static void ApplyFields(ClientUser user, IUserFields fields)
    {
        user.FirstName = fields.FirstName.Trim();
        user.LastName = fields.LastName.Trim();
        user.Phone = string.IsNullOrWhiteSpace(fields.Phone) ? null : fields.Phone.Trim();
        user.Language = fields.Language;
        user.AdminNotes = string.IsNullOrWhiteSpace(fields.AdminNotes) ? null : fields.AdminNotes.Trim();
    }

    private static async Task<ClientUser> FindAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        await db.ClientUsers.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("There is no such user.");

    private static UserDetails ToDetails(ClientUser u) => new(u.Id, u.Email, u.FirstName, u.LastName, u.Phone, u.Language, u.Status, u.TwoFactorEnabled,
        u.EmailVerifiedAt != null, u.PhoneVerifiedAt != null, u.AdminNotes, u.CreatedAt, u.LastSignInAt);
}
