using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// What <see cref="AddFunds"/> would issue for an amount, computed by the same rules and written nowhere: the limits in
/// the client's currency and the billing company; with an amount, also the line, the taxes and the total (a refused
/// amount is the same field error AddFunds gives). The Add funds dialog shows it as the amount is typed.
/// </summary>
[RequiresPermission(Permissions.InvoicesAddFunds)]
public sealed record PreviewAddFunds(Guid ClientId, decimal? Amount) : IQuery<AddFundsPreview>;

public sealed class PreviewAddFundsValidator : AbstractValidator<PreviewAddFunds>
{
    public PreviewAddFundsValidator() =>
        RuleFor(x => x.Amount).GreaterThan(0m).WithMessage("Enter a positive amount.").When(x => x.Amount is not null);
}

public sealed class PreviewAddFundsHandler(IDbContextFactory<AppDbContext> contexts, IGeneralSettingsStore settings) : IRequestHandler<PreviewAddFunds, AddFundsPreview>
{
    public async Task<AddFundsPreview> Handle(PreviewAddFunds request, CancellationToken cancellationToken)
    {
        var finance = (await settings.LoadAsync(cancellationToken)).Finance;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return AddFundsRules.ToPreview(await AddFundsRules.PlanAsync(db, finance, request.ClientId, request.Amount, cancellationToken));
    }
}
