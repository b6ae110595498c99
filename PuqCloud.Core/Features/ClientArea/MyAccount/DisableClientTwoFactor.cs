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
public sealed record DisableClientTwoFactor(string Code) : ICommand<Unit>;

public sealed class DisableClientTwoFactorValidator : AbstractValidator<DisableClientTwoFactor>
{
    public DisableClientTwoFactorValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.").MaximumLength(12);
}

public sealed class DisableClientTwoFactorHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TwoFactorSteps twoFactor) : IRequestHandler<DisableClientTwoFactor, Unit>
{
    public async Task<Unit> Handle(DisableClientTwoFactor request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await twoFactor.DisableAsync(db, await MyClientAccountRules.LoadMeAsync(actors, db, cancellationToken), request.Code, cancellationToken);
        return Unit.Value;
    }
}
