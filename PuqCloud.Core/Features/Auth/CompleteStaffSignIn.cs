using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Auth;

/// <summary>Staff sign-in, second step: the TOTP code for the account the first step named.</summary>
[Anonymous]
public sealed record CompleteStaffSignIn(Guid StaffId, string Code) : ICommand<SignInResult>;

public sealed class CompleteStaffSignInValidator : AbstractValidator<CompleteStaffSignIn>
{
    public CompleteStaffSignInValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the code from your authenticator app.").MaximumLength(12);
}

public sealed class CompleteStaffSignInHandler(IDbContextFactory<AppDbContext> contexts, AccountSignIn signIn, ActorContext actors) : IRequestHandler<CompleteStaffSignIn, SignInResult>
{
    public async Task<SignInResult> Handle(CompleteStaffSignIn request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await signIn.SecondFactorAsync<StaffAccount>(db, ActorKind.Staff, request.StaffId, request.Code, actors.Current.Ip, cancellationToken);
    }
}
