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
        RuleFor(x => x.Amount).NotNull().WithMessage("Enter the amount to add.")
            .GreaterThan(0m).WithMessage("Enter a positive amount.");
}

public sealed class AddFundsHandler(IDbContextFactory<AppDbContext> contexts, IGeneralSettingsStore settings, BillingClock clock, ILiveEvents live)
    : IRequestHandler<AddFunds, DocumentDetails>
{
    public async Task<DocumentDetails> Handle(AddFunds request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var finance = (await settings.LoadAsync(cancellationToken)).Finance;
        Guid id;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var plan = await AddFundsRules.PlanAsync(db, finance, request.ClientId, request.Amount!.Value, cancellationToken);
            var proforma = Document.Draft(DocumentType.Proforma, plan.Company.Id, request.ClientId, plan.Currency.Code, plan.Currency.Decimals, plan.Lines,
                plan.Selection.Taxes, plan.ClientParty, plan.CompanyParty, plan.Selection.ReverseCharge, plan.Selection.LegalNote);
            // The number is taken in the transaction that saves the proforma: a rollback gives it back, so numbers stay gapless.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var number = await DocumentNumbers.TakeNextAsync(db, plan.Company.Id, DocumentType.Proforma, now, cancellationToken);
            proforma.Issue(number, now, now.AddDays(finance.InvoiceDueDays));
            db.Documents.Add(proforma);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            id = proforma.Id;
        }
        await live.PublishAsync(new LiveEvent(DocumentTopics.Documents, request.ClientId.ToString(), now), cancellationToken);
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        return await DocumentRules.DetailsAsync(read, id, cancellationToken);
    }
}
