using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
/// <item>Issues a credit note numbered in the company's credit-note series, related to the final invoice, with fresh snapshots
/// and figures totalling exactly the amount (<see cref="Document.CreditNoteFor"/>, <see cref="Refund.NetShare"/>); before the
/// proforma has its final invoice none is issued and the proforma is paid that much less. Posts one ledger Refund row (−net; gross = the amount, fees = its tax part) on the
/// balance as it is then (refused, 409, below zero).</item>
/// <item>Only then, while the lock is held, the gateway's module gives the money back (<see cref="IPaymentModule.RefundAsync"/>),
/// so that racing refunds cannot send more than the payment at the gateway; a refusal writes nothing. Bank Transfer answers
/// success with a note: staff send the transfer by hand. The refund is recorded and everything saved in the same transaction.</item>
/// </list>
/// A save that fails after the gateway gave the money back (a conflict; the attempts are repeated) never asks the gateway
/// again: the next attempt books the refund with the gateway's answer, whatever the balance now, and no longer stops when the
/// person closes the page. If every attempt fails, the failure is logged as critical with the gateway's refund id, for staff to
/// book by hand.
/// Answers the refund and its credit note, if any. Steps 1 to 3 are <see cref="RefundRules"/>, the step a refund the gateway reports takes too
/// (<see cref="ApplyRefundEvent"/>).
/// </summary>
[RequiresPermission(Permissions.InvoicesRefund)]
public sealed record RefundPayment(Guid DocumentId, Guid? PaymentId, decimal? Amount, string? Reason) : ICommand<RefundMade>;

/// <summary>
/// A refund staff made: of which payment of which document (the proforma), how much (gross, and the net part the balance
/// lost), and the credit note issued against the final invoice; <see cref="CreditNote"/> is null when the proforma had no
/// final invoice yet (it was paid that much less instead).
/// </summary>
public sealed record RefundMade(Guid RefundId, Guid PaymentId, Guid DocumentId, decimal Amount, decimal NetAmount, string CurrencyCode, DocumentDetails? CreditNote);

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
    ISecretProtector secrets, IServiceProvider services, BillingClock clock, ActorContext actors, ILiveEvents live,
    ILogger<RefundPaymentHandler> logger) : IRequestHandler<RefundPayment, RefundMade>
{
    private const int MaxAttempts = 5;

    public async Task<RefundMade> Handle(RefundPayment request, CancellationToken cancellationToken)
    {
        var amount = request.Amount!.Value;
        var reason = request.Reason!.Trim();
        // What the gateway answered, once it gave the money back: a later attempt books it instead of asking again.
        (bool Done, string? RefundId) givenBack = (false, null);
        for (var attempt = 1; ; attempt++)
        {
            // After the money has left, the person closing the page must not stop the booking.
            if (givenBack.Done) cancellationToken = CancellationToken.None;
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
            await RefundRules.LockAsync(db, payment.DocumentId, cancellationToken);
            // The money left at the first attempt, whose booking failed; the gateway's report of this refund (its id and amount)
            // may have booked it since. Anything else under the id is not this refund: the booking fails and is logged to be done by hand.
            if (givenBack is (true, { } givenId) && TextCut.Cut(givenId, 200) is var stored
                && await db.Refunds.AsNoTracking().FirstOrDefaultAsync(r => r.PaymentId == payment.Id && r.GatewayRefundId == stored && r.GatewayEventId != null
                    && r.Amount == amount, CancellationToken.None) is { } booked)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return await MadeAsync(booked, CancellationToken.None);
            }
            Refund refund;
            Document? creditNote;
            try
            {
                (refund, creditNote) = await RefundRules.RefundAsync(db, payment, amount, gateway.Info.DisplayName,
                    new RefundRules.RefundSource(reason, actors.Current.StaffId) { GivenBack = givenBack.Done }, async proforma =>
                    {
                        if (givenBack.Done) return givenBack.RefundId;
                        var answer = await gateway.Module.RefundAsync(moduleContexts.Create(gateway.Descriptor, services),
                            new RefundRequest(proforma.Id, proforma.Number ?? "", payment.GatewayEventId, amount, payment.CurrencyCode,
                                PaymentGatewayRules.Values(gateway.Gateway, secrets), reason), cancellationToken);
                        if (!answer.Succeeded) throw new RuleViolationException(answer.Message ?? $"{gateway.Info.DisplayName} refused the refund.");
                        givenBack = (true, answer.GatewayEventId);
                        return answer.GatewayEventId;
                    }, now, cancellationToken);
                await db.SaveChangesAsync(givenBack.Done ? CancellationToken.None : cancellationToken);
                await transaction.CommitAsync(givenBack.Done ? CancellationToken.None : cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                continue;
            }
            catch (Exception failure) when (givenBack.Done)
            {
                logger.LogCritical(failure, "{Gateway} gave back {Amount} {Currency} of payment {PaymentId} (its refund id {GatewayRefundId}), but the refund could not be booked: book it by hand",
                    gateway.Info.DisplayName, amount, payment.CurrencyCode, payment.Id, givenBack.RefundId);
                throw;
            }
            await RefundRules.AnnounceAsync(live, payment.ClientId, now, cancellationToken);
            return await MadeAsync(refund, cancellationToken);
        }
    }

    /// <summary>The answer for a booked refund, with its credit note's details when it has one.</summary>
    private async Task<RefundMade> MadeAsync(Refund refund, CancellationToken cancellationToken)
    {
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        return new RefundMade(refund.Id, refund.PaymentId, refund.DocumentId, refund.Amount, refund.NetAmount, refund.CurrencyCode,
            refund.CreditNoteId is { } note ? await DocumentRules.DetailsAsync(read, note, cancellationToken) : null);
    }
}
