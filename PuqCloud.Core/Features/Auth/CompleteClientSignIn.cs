using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Auth;

/// <summary>Client-area sign-in, second step.</summary>
[Anonymous]
public sealed record CompleteClientSignIn(Guid ClientUserId, string Code) : ICommand<SignInResult>;

public sealed class CompleteClientSignInValidator : AbstractValidator<CompleteClientSignIn>
{
    public CompleteClientSignInValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the code from your authenticator app.").MaximumLength(12);
}

public sealed class CompleteClientSignInHandler(IDbContextFactory<AppDbContext> contexts, AccountSignIn signIn, ActorContext actors) : IRequestHandler<CompleteClientSignIn, SignInResult>
{
    public async Task<SignInResult> Handle(CompleteClientSignIn request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await signIn.SecondFactorAsync<ClientUser>(db, ActorKind.ClientUser, request.ClientUserId, request.Code, actors.Current.Ip, cancellationToken);
    }
}
