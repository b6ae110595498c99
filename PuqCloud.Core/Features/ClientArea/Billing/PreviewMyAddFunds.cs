using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// The client area's Add funds page as the amount is typed: what <see cref="AddMyFunds"/> would issue, by the very rules
/// staff's preview uses (<see cref="AddFundsRules"/>), written nowhere.
/// </summary>
[ClientMember(ClientPermissions.ManageInvoices)]
public sealed record PreviewMyAddFunds(Guid ClientId, decimal? Amount) : IQuery<AddFundsPreview>, IClientScoped;

public sealed class PreviewMyAddFundsValidator : AbstractValidator<PreviewMyAddFunds>
{
    public PreviewMyAddFundsValidator() =>
        RuleFor(x => x.Amount).AddFundsAmount().When(x => x.Amount is not null);
}

public sealed class PreviewMyAddFundsHandler(IDbContextFactory<AppDbContext> contexts, IGeneralSettingsStore settings) : IRequestHandler<PreviewMyAddFunds, AddFundsPreview>
{
    public async Task<AddFundsPreview> Handle(PreviewMyAddFunds request, CancellationToken cancellationToken)
    {
        var finance = (await settings.LoadAsync(cancellationToken)).Finance;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The page says at once, not only on Add, that such a client cannot top up.
        await MyBillingRules.EnsureMaySendMoneyAsync(db, request.ClientId, topUp: true, cancellationToken);
        return AddFundsRules.ToPreview(await AddFundsRules.PlanAsync(db, finance, request.ClientId, request.Amount, cancellationToken));
    }
}
