using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Auth;

/// <summary>Staff sign-in, first step. The console then issues its cookie; the API path is <see cref="RequestApiToken"/>.</summary>
[Anonymous]
public sealed record SignInStaff(string Email, string Password) : ICommand<SignInResult>;

public sealed class SignInStaffValidator : AbstractValidator<SignInStaff>
{
    public SignInStaffValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(PasswordPolicy.MaxLength);
    }
}

public sealed class SignInStaffHandler(IDbContextFactory<AppDbContext> contexts, AccountSignIn signIn, ActorContext actors) : IRequestHandler<SignInStaff, SignInResult>
{
    public async Task<SignInResult> Handle(SignInStaff request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await signIn.PasswordAsync<StaffAccount>(db, ActorKind.Staff, request.Email, request.Password, null, actors.Current.Ip, cancellationToken);
    }
}
