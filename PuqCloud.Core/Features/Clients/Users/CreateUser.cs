using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

[RequiresPermission(Permissions.UsersCreate)]
public sealed record CreateUser(string Email, string Password, string FirstName, string LastName, string? Phone, string Language, string? AdminNotes) : ICommand<UserDetails>, IUserFields;

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

public sealed class CreateUserHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, TypeAdapterConfig mapping) : IRequestHandler<CreateUser, UserDetails>
{
    public async Task<UserDetails> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        if (await db.ClientUsers.AnyAsync(u => u.Email == email, cancellationToken))
            throw RequestValidationException.For(nameof(CreateUser.Email), "A user with this e-mail already exists.");
        var user = new ClientUser { Email = email, PasswordHash = passwords.Hash(request.Password) };
        UserRules.ApplyFields(user, request);
        db.ClientUsers.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user.Adapt<UserDetails>(mapping);
    }
}
