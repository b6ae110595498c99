using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>
/// Gives an active service exactly these options (the full set, at most one per option group of its product): added
/// ones are charged from now (the rest of a paid period at once, a metered service from its next hour), removed ones
/// stop (the rest of a paid period credited). See <see cref="ServiceSteps.ChangeOptionsAsync"/>.
/// </summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record ChangeServiceOptions(Guid Id, IReadOnlyList<Guid>? OptionIds) : ICommand<ServiceDetails>;

public sealed class ChangeServiceOptionsValidator : AbstractValidator<ChangeServiceOptions>
{
    public ChangeServiceOptionsValidator() =>
        RuleFor(x => x.OptionIds).NotNull().WithMessage("List every option the service is to have ([] for none).");
}

public sealed class ChangeServiceOptionsHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<ChangeServiceOptions, ServiceDetails>
{
    public Task<ServiceDetails> Handle(ChangeServiceOptions request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, plan, now) => ServiceSteps.ChangeOptionsAsync(db, service, plan, request.OptionIds ?? [], now, ServiceRules.ActorName(actors), cancellationToken),
            cancellationToken);
}
