using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>
/// Previews <see cref="ChangeServicePackage"/>: the switch itself is run, by the very step, in a transaction that is rolled
/// back, so the figures are the ones the switch posts (the list of packages can only estimate the direction). It takes
/// the rows the switch takes for that moment, so it asks for the permission of the switch itself.
/// </summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record PreviewServicePackage(Guid Id, Guid ProductPriceId) : IQuery<ServiceChangePreview>;

public sealed class PreviewServicePackageValidator : AbstractValidator<PreviewServicePackage>
{
    public PreviewServicePackageValidator() => RuleFor(x => x.ProductPriceId).NotEmpty().WithMessage("Choose the new price.");
}

public sealed class PreviewServicePackageHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock) : IRequestHandler<PreviewServicePackage, ServiceChangePreview>
{
    public async Task<ServiceChangePreview> Handle(PreviewServicePackage request, CancellationToken cancellationToken)
    {
        var (rows, refusal, currency) = await ServiceRules.DryRunAsync(contexts, request.Id, clock,
            (db, service, plan, now) => ServiceSteps.ChangePackageAsync(db, service, plan, request.ProductPriceId, now, "preview", cancellationToken), cancellationToken);
        return ServiceChangePreview.Of(rows, refusal, currency);
    }
}
