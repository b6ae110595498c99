using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// A client (or staff for it) asks to add an amount to its prepaid balance: a proforma is issued by the home company
/// the tax rules pick, with one line (the company's add-funds item text, the amount) and that rule's taxes on top,
/// numbered at once in the company's proforma series (so it is Unpaid) and due after General → Finance's invoice due days.
/// The amount is in the client's currency, within the General settings' limits; a missing amount is a field error,
/// never 0. The balance does not move: a payment of the proforma will credit it.
/// </summary>
[RequiresPermission(Permissions.InvoicesAddFunds)]
public sealed record AddFunds(Guid ClientId, decimal? Amount) : ICommand<DocumentDetails>;

public sealed class AddFundsValidator : AbstractValidator<AddFunds>
{
    public AddFundsValidator() =>
        RuleFor(x => x.Amount).AddFundsAmount();
}

public sealed class AddFundsHandler(IDbContextFactory<AppDbContext> contexts, IGeneralSettingsStore settings, BillingClock clock, ILiveEvents live)
    : IRequestHandler<AddFunds, DocumentDetails>
{
    public Task<DocumentDetails> Handle(AddFunds request, CancellationToken cancellationToken) =>
        AddFundsRules.IssueAsync(contexts, settings, clock, live, request.ClientId, request.Amount!.Value, cancellationToken);
}
