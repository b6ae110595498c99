using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

[AnyClientUser]
[NotWhileImpersonating]
public sealed record ConfirmClientTwoFactorSetup(string Code) : ICommand<Unit>;

public sealed class ConfirmClientTwoFactorSetupValidator : AbstractValidator<ConfirmClientTwoFactorSetup>
{
    public ConfirmClientTwoFactorSetupValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.").MaximumLength(12);
}

public sealed class ConfirmClientTwoFactorSetupHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TwoFactorSteps twoFactor) : IRequestHandler<ConfirmClientTwoFactorSetup, Unit>
{
    public async Task<Unit> Handle(ConfirmClientTwoFactorSetup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        twoFactor.Confirm(await MyClientAccountRules.LoadMeAsync(actors, db, cancellationToken), request.Code);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
