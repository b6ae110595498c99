using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ApiTokens;

/// <summary>Exchanges staff credentials (and the TOTP code when two-factor is on) for a short-lived API token.</summary>
[Anonymous]
public sealed record RequestApiToken(string Email, string Password, string? TotpCode) : ICommand<IssuedApiToken>;

public sealed class RequestApiTokenValidator : AbstractValidator<RequestApiToken>
{
    public RequestApiTokenValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(PasswordPolicy.MaxLength);
        RuleFor(x => x.TotpCode).MaximumLength(12);
    }
}

public sealed class RequestApiTokenHandler(IDbContextFactory<AppDbContext> contexts, AccountSignIn signIn, ActorContext actors, TimeProvider clock, IOptions<ApiTokenOptions> options) : IRequestHandler<RequestApiToken, IssuedApiToken>
{
    public async Task<IssuedApiToken> Handle(RequestApiToken request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var result = await signIn.PasswordAsync<StaffAccount>(db, ActorKind.Staff, request.Email, request.Password, request.TotpCode, actors.Current.Ip, cancellationToken);
        if (result is { Outcome: SignInOutcome.Throttled or SignInOutcome.LockedOut, RetryAfter: { } wait })
            throw new TooManyAttemptsException(result.Message ?? "Too many failed sign-ins. Wait and try again.", wait);
        if (result.Outcome == SignInOutcome.TwoFactorRequired)
            throw new NotAuthenticatedException("This account has two-factor sign-in: send totpCode with the current code.");
        if (!result.Succeeded)
            throw new NotAuthenticatedException(result.Message ?? "Sign-in failed.");
        return await ApiTokenRules.IssueAsync(clock, db, result.AccountId!.Value, "API sign-in", options.Value.SignInTokenLifetime, cancellationToken);
    }
}
