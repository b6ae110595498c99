using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>
/// What switching to a package would post now: the fee (up or down, as the switch decides it from the whole price with
/// the options that stay, and whether it wakes an idle service) and the proration, each as the ledger would show it, and
/// their net (positive charged). <see cref="Refusal"/> says why the switch would be refused (the balance does not cover it,
/// say), with no lines.
/// </summary>
public sealed record ServicePackagePreview(IReadOnlyList<ServiceOptionsPreviewLine> Lines, decimal Net, string NetText, string? Refusal);

/// <summary>
/// Previews <see cref="ChangeServicePackage"/>: the switch itself is run, by the very step, in a transaction that is rolled
/// back, so the figures are the ones the switch posts (the list of packages can only estimate the direction).
/// </summary>
[RequiresPermission(Permissions.ServicesView)]
public sealed record PreviewServicePackage(Guid Id, Guid ProductPriceId) : IQuery<ServicePackagePreview>;

public sealed class PreviewServicePackageValidator : AbstractValidator<PreviewServicePackage>
{
    public PreviewServicePackageValidator() => RuleFor(x => x.ProductPriceId).NotEmpty().WithMessage("Choose the new price.");
}

public sealed class PreviewServicePackageHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock) : IRequestHandler<PreviewServicePackage, ServicePackagePreview>
{
    public async Task<ServicePackagePreview> Handle(PreviewServicePackage request, CancellationToken cancellationToken)
    {
        var (rows, refusal, currency) = await ServiceRules.DryRunAsync(contexts, request.Id, clock,
            (db, service, plan, now) => ServiceSteps.ChangePackageAsync(db, service, plan, request.ProductPriceId, now, "preview", cancellationToken), cancellationToken);
        var net = -rows.Sum(r => r.Amount);
        return new ServicePackagePreview(
            rows.Select(r => new ServiceOptionsPreviewLine(r.Description, r.Amount,
                (r.Amount < 0 ? "−" : "+") + currency.FormatAmount(Math.Abs(r.Amount), MoneyRounding.LedgerDecimals))).ToList(),
            net, currency.FormatAmount(Math.Abs(net), MoneyRounding.LedgerDecimals), refusal);
    }
}
