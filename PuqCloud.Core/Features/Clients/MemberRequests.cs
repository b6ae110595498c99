using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>A user of a client as the Users tab lists them.</summary>
public sealed record ClientMemberDto(Guid UserId, string Name, string Email, AccountStatus Status, bool TwoFactorEnabled, bool IsOwner, IReadOnlyList<string> Permissions, DateTime Since);

[RequiresPermission(Permissions.ClientsView)]
public sealed record ListClientMembers(Guid ClientId) : IQuery<IReadOnlyList<ClientMemberDto>>;

/// <summary>
/// Gives a user access to the client ("Associate User"): an existing user by e-mail, or a new user made
/// with the given names and password when no user has that e-mail yet.
/// </summary>
[RequiresPermission(Security.Permissions.ClientsEdit)]
public sealed record AddClientMember(Guid ClientId, string Email, IReadOnlyList<string> Permissions, string? FirstName = null, string? LastName = null, string? Password = null)
    : ICommand<ClientMemberDto>;

[RequiresPermission(Security.Permissions.ClientsEdit)]
public sealed record UpdateClientMember(Guid ClientId, Guid UserId, IReadOnlyList<string> Permissions) : ICommand<ClientMemberDto>;

[RequiresPermission(Permissions.ClientsEdit)]
public sealed record RemoveClientMember(Guid ClientId, Guid UserId) : ICommand<Unit>;

/// <summary>Makes a member the client's owner; the previous owner stays with every permission.</summary>
[RequiresPermission(Permissions.ClientsEdit)]
public sealed record MakeClientOwner(Guid ClientId, Guid UserId) : ICommand<Unit>;

public sealed class AddClientMemberValidator : AbstractValidator<AddClientMember>
{
    public AddClientMemberValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter the user's e-mail address.").MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.FirstName).MaximumLength(100);
        RuleFor(x => x.LastName).MaximumLength(100);
    }
}

public sealed class ClientMemberHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) :
    IRequestHandler<ListClientMembers, IReadOnlyList<ClientMemberDto>>,
    IRequestHandler<AddClientMember, ClientMemberDto>,
    IRequestHandler<UpdateClientMember, ClientMemberDto>,
    IRequestHandler<RemoveClientMember, Unit>,
    IRequestHandler<MakeClientOwner, Unit>
{
    public async Task<IReadOnlyList<ClientMemberDto>> Handle(ListClientMembers request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Clients.AnyAsync(c => c.Id == request.ClientId, cancellationToken)) throw new NotFoundException("There is no such client.");
        return await ListAsync(db, request.ClientId, null, cancellationToken);
    }

    public async Task<ClientMemberDto> Handle(AddClientMember request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Clients.AnyAsync(c => c.Id == request.ClientId, cancellationToken)) throw new NotFoundException("There is no such client.");
        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        var user = await db.ClientUsers.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            var problems = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.FirstName)) problems["FirstName"] = ["No user has this e-mail: enter a first name to create one."];
            if (string.IsNullOrWhiteSpace(request.LastName)) problems["LastName"] = ["Enter a last name."];
            var passwordProblems = PasswordPolicy.Check(request.Password, email);
            if (passwordProblems.Count > 0) problems["Password"] = passwordProblems.ToArray();
            if (problems.Count > 0) throw new RequestValidationException(problems);
            user = new ClientUser { Email = email, FirstName = request.FirstName!.Trim(), LastName = request.LastName!.Trim(), PasswordHash = AccountSignIn.HashPassword(request.Password!) };
            db.ClientUsers.Add(user);
            await db.SaveChangesAsync(cancellationToken);
        }
        await ClientRules.AddMemberAsync(db, request.ClientId, user.Id, request.Permissions, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await ListAsync(db, request.ClientId, user.Id, cancellationToken)).Single();
    }

    public async Task<ClientMemberDto> Handle(UpdateClientMember request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ClientRules.SetPermissionsAsync(db, request.ClientId, request.UserId, request.Permissions, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (await ListAsync(db, request.ClientId, request.UserId, cancellationToken)).Single();
    }

    public async Task<Unit> Handle(RemoveClientMember request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ClientRules.RemoveMemberAsync(db, request.ClientId, request.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(MakeClientOwner request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClientRules.TransferOwnershipAsync(db, request.ClientId, request.UserId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    private static async Task<List<ClientMemberDto>> ListAsync(AppDbContext db, Guid clientId, Guid? userId, CancellationToken ct)
    {
        var rows = await db.ClientMemberships.AsNoTracking()
            .Where(m => m.ClientId == clientId && (userId == null || m.ClientUserId == userId))
            .Select(m => new { m.ClientUserId, m.ClientUser!.FirstName, m.ClientUser.LastName, m.ClientUser.Email, m.ClientUser.Status, m.ClientUser.TwoFactorEnabled, m.IsOwner, m.Permissions, m.CreatedAt })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.IsOwner).ThenBy(r => r.LastName).Select(r => new ClientMemberDto(r.ClientUserId, $"{r.FirstName} {r.LastName}".Trim(), r.Email, r.Status,
            r.TwoFactorEnabled, r.IsOwner, r.IsOwner ? ClientPermissions.All : r.Permissions.Split(',', StringSplitOptions.RemoveEmptyEntries), r.CreatedAt)).ToList();
    }
}
