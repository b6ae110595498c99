using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Auth;

/// <summary>Staff sign-in, first step. The console then issues its cookie; the API path is <see cref="RequestApiToken"/>.</summary>
[Anonymous]
public sealed record SignInStaff(string Email, string Password) : ICommand<SignInResult>;

/// <summary>Staff sign-in, second step: the TOTP code for the account the first step named.</summary>
[Anonymous]
public sealed record CompleteStaffSignIn(Guid StaffId, string Code) : ICommand<SignInResult>;

/// <summary>Client-area sign-in, first step.</summary>
[Anonymous]
public sealed record SignInClientUser(string Email, string Password) : ICommand<SignInResult>;

/// <summary>Client-area sign-in, second step.</summary>
[Anonymous]
public sealed record CompleteClientSignIn(Guid ClientUserId, string Code) : ICommand<SignInResult>;

public sealed class SignInValidator : AbstractValidator<SignInStaff>
{
    public SignInValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(PasswordPolicy.MaxLength);
    }
}

public sealed class ClientSignInValidator : AbstractValidator<SignInClientUser>
{
    public ClientSignInValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(PasswordPolicy.MaxLength);
    }
}

public sealed class StaffCodeValidator : AbstractValidator<CompleteStaffSignIn>
{
    public StaffCodeValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the code from your authenticator app.").MaximumLength(12);
}

public sealed class ClientCodeValidator : AbstractValidator<CompleteClientSignIn>
{
    public ClientCodeValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the code from your authenticator app.").MaximumLength(12);
}

public sealed class SignInHandlers(IDbContextFactory<AppDbContext> contexts, AccountSignIn signIn, ActorContext actors) :
    IRequestHandler<SignInStaff, SignInResult>,
    IRequestHandler<CompleteStaffSignIn, SignInResult>,
    IRequestHandler<SignInClientUser, SignInResult>,
    IRequestHandler<CompleteClientSignIn, SignInResult>
{
    public async Task<SignInResult> Handle(SignInStaff request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await signIn.PasswordAsync<StaffAccount>(db, ActorKind.Staff, request.Email, request.Password, null, actors.Current.Ip, cancellationToken);
    }

    public async Task<SignInResult> Handle(CompleteStaffSignIn request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await signIn.SecondFactorAsync<StaffAccount>(db, ActorKind.Staff, request.StaffId, request.Code, actors.Current.Ip, cancellationToken);
    }

    public async Task<SignInResult> Handle(SignInClientUser request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await signIn.PasswordAsync<ClientUser>(db, ActorKind.ClientUser, request.Email, request.Password, null, actors.Current.Ip, cancellationToken);
    }

    public async Task<SignInResult> Handle(CompleteClientSignIn request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await signIn.SecondFactorAsync<ClientUser>(db, ActorKind.ClientUser, request.ClientUserId, request.Code, actors.Current.Ip, cancellationToken);
    }
}
