using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff.MyAccount;

/// <summary>Finishes turning two-factor on with a code from the app.</summary>
[AnyStaff]
public sealed record ConfirmTwoFactorSetup(string Code) : ICommand<Unit>;

public sealed class ConfirmTwoFactorSetupValidator : AbstractValidator<ConfirmTwoFactorSetup>
{
    public ConfirmTwoFactorSetupValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.").MaximumLength(12);
}

public sealed class ConfirmTwoFactorSetupHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TwoFactorSteps twoFactor) : IRequestHandler<ConfirmTwoFactorSetup, Unit>
{
    public async Task<Unit> Handle(ConfirmTwoFactorSetup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        twoFactor.Confirm(await MyAccountRules.LoadMeAsync(actors, db, cancellationToken), request.Code);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
