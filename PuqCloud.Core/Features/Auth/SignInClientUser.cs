using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Auth;

/// <summary>Client-area sign-in, first step.</summary>
[Anonymous]
public sealed record SignInClientUser(string Email, string Password) : ICommand<SignInResult>;

public sealed class SignInClientUserValidator : AbstractValidator<SignInClientUser>
{
    public SignInClientUserValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(PasswordPolicy.MaxLength);
    }
}

public sealed class SignInClientUserHandler(IDbContextFactory<AppDbContext> contexts, AccountSignIn signIn, ActorContext actors) : IRequestHandler<SignInClientUser, SignInResult>
{
    public async Task<SignInResult> Handle(SignInClientUser request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await signIn.PasswordAsync<ClientUser>(db, ActorKind.ClientUser, request.Email, request.Password, null, actors.Current.Ip, cancellationToken);
    }
}
