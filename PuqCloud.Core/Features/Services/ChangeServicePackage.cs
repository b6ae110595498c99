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

/// <summary>Switches an active service up or down to another price row: the switch fee and a prorated adjustment for the rest of the paid period.</summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record ChangeServicePackage(Guid Id, Guid ProductPriceId) : ICommand<ServiceDetails>;

public sealed class ChangeServicePackageValidator : AbstractValidator<ChangeServicePackage>
{
    public ChangeServicePackageValidator() => RuleFor(x => x.ProductPriceId).NotEmpty().WithMessage("Choose the new price.");
}

public sealed class ChangeServicePackageHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<ChangeServicePackage, ServiceDetails>
{
    public Task<ServiceDetails> Handle(ChangeServicePackage request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, plan, now) => ServiceSteps.ChangePackageAsync(db, service, plan, request.ProductPriceId, now, ServiceRules.ActorName(actors), cancellationToken),
            cancellationToken);
}
