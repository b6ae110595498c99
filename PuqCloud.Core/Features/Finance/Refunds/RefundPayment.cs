using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// Staff give back <see cref="Amount"/> (gross, in the document's currency) of a payment of a document (the proforma it
/// was made on, or its final invoice), with a reason. In ONE transaction, under the proforma's row lock (the lock payments
/// take, so refunds of one payment queue and never add up to more than it):
/// <list type="number">
/// <item>Refused under the field: an amount that is not positive, has more decimals than the currency, or is more than the
/// payment's amount minus its earlier refunds.</item>
/// <item>Refused (409) when the client's balance does not cover the net part: the client has spent these funds.</item>
/// <item>The gateway's module gives the money back (<see cref="IPaymentModule.RefundAsync"/>) only after these checks and
/// while the lock is held, so that racing refunds cannot send more than the payment at the gateway; a refusal writes nothing.
/// Bank Transfer answers success with a note: staff send the transfer by hand.</item>
/// <item>Posts one ledger Refund row (−net; gross = the amount, fees = its tax part), records the refund and issues a credit
/// note numbered in the company's credit-note series, related to the final invoice (or to the proforma not yet invoiced), with
/// fresh snapshots and figures totalling exactly the amount (<see cref="Document.CreditNoteFor"/>, <see cref="Refund.NetShare"/>).</item>
/// </list>
/// Answers the credit note.
/// </summary>
[RequiresPermission(Permissions.InvoicesRefund)]
public sealed record RefundPayment(Guid DocumentId, Guid? PaymentId, decimal? Amount, string? Reason) : ICommand<DocumentDetails>;

public sealed class RefundPaymentValidator : AbstractValidator<RefundPayment>
{
    public RefundPaymentValidator()
    {
        RuleFor(x => x.PaymentId).NotNull().WithMessage("Choose the payment to refund.");
        RuleFor(x => x.Amount).NotNull().WithMessage("Enter the amount to refund.").GreaterThan(0m).WithMessage("Enter a positive amount.");
        RuleFor(x => x.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why the money is given back.")
            .MaximumLength(500).WithMessage("Use at most 500 characters.");
    }
}

public sealed class RefundPaymentHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules, ModuleContextFactory moduleContexts,
    ISecretProtector secrets, IServiceProvider services, BillingClock clock, ActorContext actors, ILiveEvents live) : IRequestHandler<RefundPayment, DocumentDetails>
{
    private const int MaxAttempts = 5;

    public async Task<DocumentDetails> Handle(RefundPayment request, CancellationToken cancellationToken)
    {
        var amount = request.Amount!.Value;
        var reason = request.Reason!.Trim();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken)
                          ?? throw RequestValidationException.For(nameof(RefundPayment.PaymentId), "There is no such payment.");
            var named = await db.Documents.AsNoTracking().Where(d => d.Id == request.DocumentId).Select(d => new { d.Id, d.Kind, d.RelatedDocumentId })
                            .FirstOrDefaultAsync(cancellationToken)
                        ?? throw new NotFoundException("There is no such document.");
            if (payment.DocumentId != named.Id && !(named.Kind == DocumentType.Invoice && named.RelatedDocumentId == payment.DocumentId))
                throw RequestValidationException.For(nameof(RefundPayment.PaymentId), "The payment was not made for this document.");
            var gateway = await PaymentRules.GatewayAsync(db, modules, payment.PaymentGatewayId, nameof(RefundPayment.PaymentId), cancellationToken);
            var now = clock.UtcNow;

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Refunds and payments of one document queue on its row: whoever waited here sees the refunds before it.
            await db.Documents.Where(d => d.Id == payment.DocumentId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Revision, d => d.Revision), cancellationToken);
            var proforma = await db.Documents.AsNoTracking().FirstAsync(d => d.Id == payment.DocumentId, cancellationToken);
            var earlier = await db.Refunds.Where(r => r.PaymentId == payment.Id).Select(r => new { r.Amount, r.NetAmount }).ToListAsync(cancellationToken);
            var refundedBefore = earlier.Sum(r => r.Amount);
            var decimals = proforma.CurrencyDecimals;
            string Format(decimal value) => $"{value.ToString("F" + decimals, CultureInfo.InvariantCulture)} {proforma.CurrencyCode}";
            if (!MoneyRounding.Fits(amount, decimals))
                throw RequestValidationException.For(nameof(RefundPayment.Amount), decimals == 0
                    ? "The currency has no decimals: use a whole amount." : $"The currency has {decimals} decimal place(s): use at most that many.");
            var refundable = payment.Amount - refundedBefore;
            if (amount > refundable)
                throw RequestValidationException.For(nameof(RefundPayment.Amount), refundable <= 0m
                    ? "The payment is refunded in full already." : $"At most {Format(refundable)} of the payment can still be refunded.");
            var net = Refund.NetShare(payment, amount, refundedBefore, earlier.Sum(r => r.NetAmount), decimals);
            var balance = await Ledger.ReadAsync(db, payment.ClientId, cancellationToken);
            if (balance.Balance - net < 0m)
                throw new RuleViolationException($"The client has spent these funds: the balance ({Format(balance.Balance)}) does not cover the {Format(net)} the refund takes from it.");

            var corrected = await db.Documents.Include(d => d.Taxes).AsNoTracking()
                                .FirstOrDefaultAsync(d => d.RelatedDocumentId == proforma.Id && d.Kind == DocumentType.Invoice, cancellationToken)
                            ?? await db.Documents.Include(d => d.Taxes).AsNoTracking().FirstAsync(d => d.Id == proforma.Id, cancellationToken);
            var company = await db.HomeCompanies.AsNoTracking().FirstAsync(c => c.Id == proforma.HomeCompanyId, cancellationToken);

            var answer = await gateway.Module.RefundAsync(moduleContexts.Create(gateway.Descriptor, services),
                new RefundRequest(proforma.Id, proforma.Number ?? "", payment.GatewayEventId, amount, payment.CurrencyCode,
                    PaymentGatewayRules.Values(gateway.Gateway, secrets), reason), cancellationToken);
            if (!answer.Succeeded)
                throw new RuleViolationException(answer.Message ?? $"{gateway.Info.DisplayName} refused the refund.");

            var creditNote = Document.CreditNoteFor(corrected, $"{company.RefundItemText ?? "Refund"}: {corrected.Number}", amount, net,
                await DocumentParties.ClientNowAsync(db, proforma.ClientId, cancellationToken), DocumentParties.Company(company));
            creditNote.Issue(await DocumentNumbers.TakeNextAsync(db, proforma.HomeCompanyId, DocumentType.CreditNote, now, cancellationToken), now);
            db.Documents.Add(creditNote);
            var description = Cut($"Refund of {proforma.Number} via {gateway.Info.DisplayName}, credit note {creditNote.Number}", 500);
            var rows = await Ledger.PostAsync(db, payment.ClientId,
                new LedgerPosting(LedgerEntryType.Refund, -net, description)
                    { Gross = amount, Fees = amount - net, StaffAccountId = actors.Current.StaffId, Reason = Cut(reason, 500) }, now, cancellationToken);
            if (rows[0].BalanceAfter < 0m)
                throw new RuleViolationException("The client has spent these funds: the balance does not cover the refund.");
            db.Refunds.Add(new Refund
            {
                PaymentId = payment.Id, DocumentId = proforma.Id, ClientId = payment.ClientId, Amount = amount, NetAmount = net, CurrencyCode = payment.CurrencyCode,
                CreditNoteId = creditNote.Id, LedgerEntryId = rows[0].Id, GatewayRefundId = CutOrNull(answer.GatewayEventId, 200), Reason = Cut(reason, 500),
                StaffAccountId = actors.Current.StaffId, CreatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                continue;
            }
            await live.PublishAsync(new LiveEvent(DocumentTopics.Documents, payment.ClientId.ToString(), now), cancellationToken);
            // The refund row moved the balance: the client's balance and transactions pages follow this topic.
            await live.PublishAsync(new LiveEvent(ServiceTopics.Services, payment.ClientId.ToString(), now), cancellationToken);
            await using var read = await contexts.CreateDbContextAsync(cancellationToken);
            return await DocumentRules.DetailsAsync(read, creditNote.Id, cancellationToken);
        }
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    private static string? CutOrNull(string? text, int length) => text is null ? null : Cut(text, length);
}
