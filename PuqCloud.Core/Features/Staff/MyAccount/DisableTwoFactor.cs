using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff.MyAccount;

/// <summary>Turns two-factor off; a current code proves the person still holds the device.</summary>
[AnyStaff]
public sealed record DisableTwoFactor(string Code) : ICommand<Unit>;

public sealed class DisableTwoFactorValidator : AbstractValidator<DisableTwoFactor>
{
    public DisableTwoFactorValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.").MaximumLength(12);
}

public sealed class DisableTwoFactorHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TwoFactorSteps twoFactor) : IRequestHandler<DisableTwoFactor, Unit>
{
    public async Task<Unit> Handle(DisableTwoFactor request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await twoFactor.DisableAsync(db, await MyAccountRules.LoadMeAsync(actors, db, cancellationToken), request.Code, cancellationToken);
        return Unit.Value;
    }
}
