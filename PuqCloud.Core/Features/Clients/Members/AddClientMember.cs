using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>
/// Gives a user access to the client ("Associate User"): an existing user by e-mail, or a new user made
/// with the given names and password when no user has that e-mail yet.
/// </summary>
[RequiresPermission(Security.Permissions.ClientsEdit)]
public sealed record AddClientMember(Guid ClientId, string Email, IReadOnlyList<string> Permissions, string? FirstName = null, string? LastName = null, string? Password = null)
    : ICommand<ClientMemberDto>;

public sealed class AddClientMemberValidator : AbstractValidator<AddClientMember>
{
    public AddClientMemberValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter the user's e-mail address.").MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.FirstName).MaximumLength(100);
        RuleFor(x => x.LastName).MaximumLength(100);
    }
}

public sealed class AddClientMemberHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, TimeProvider clock) : IRequestHandler<AddClientMember, ClientMemberDto>
{
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
            user = new ClientUser { Email = email, FirstName = request.FirstName!.Trim(), LastName = request.LastName!.Trim(), PasswordHash = passwords.Hash(request.Password!) };
            db.ClientUsers.Add(user);
            await db.SaveChangesAsync(cancellationToken);
        }
        await ClientRules.AddMemberAsync(db, request.ClientId, user.Id, request.Permissions, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await ClientMemberRules.ListAsync(db, request.ClientId, user.Id, cancellationToken)).Single();
    }
}
