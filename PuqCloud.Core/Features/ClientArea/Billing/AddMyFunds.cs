using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// A member who manages invoices asks to add an amount to the client's balance: the same proforma staff's
/// <see cref="AddFunds"/> issues (same limits, company, taxes, numbering, <see cref="AddFundsRules.IssueAsync"/>), unless the
/// client is flagged as fraud or closed (<see cref="MyBillingRules.EnsureMaySendMoneyAsync"/>).
/// </summary>
[ClientMember(ClientPermissions.ManageInvoices)]
public sealed record AddMyFunds(Guid ClientId, decimal? Amount) : ICommand<DocumentDetails>, IClientScoped;

public sealed class AddMyFundsValidator : AbstractValidator<AddMyFunds>
{
    public AddMyFundsValidator() => RuleFor(x => x.Amount).AddFundsAmount();
}

public sealed class AddMyFundsHandler(IDbContextFactory<AppDbContext> contexts, IGeneralSettingsStore settings, BillingClock clock, ILiveEvents live)
    : IRequestHandler<AddMyFunds, DocumentDetails>
{
    public async Task<DocumentDetails> Handle(AddMyFunds request, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            await MyBillingRules.EnsureMaySendMoneyAsync(db, request.ClientId, topUp: true, cancellationToken);
        return await AddFundsRules.IssueAsync(contexts, settings, clock, live, request.ClientId, request.Amount!.Value, cancellationToken);
    }
}
