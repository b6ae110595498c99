using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// Staff record that they gave held money back at the gateway (in its own dashboard): the held payment is closed as
/// refunded with their note (the gateway's refund id, say). Nothing moves here: the money never reached the balance nor a
/// document. Refused once the payment was applied or given back (whoever came first wins).
/// </summary>
[RequiresPermission(Permissions.InvoicesRefund)]
public sealed record GiveBackHeldPayment(Guid HeldPaymentId, string? Note) : ICommand<Unit>;

public sealed class GiveBackHeldPaymentValidator : AbstractValidator<GiveBackHeldPayment>
{
    public GiveBackHeldPaymentValidator() =>
        RuleFor(x => x.Note).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Say how the money went back (the gateway's refund id, say).")
            .MaximumLength(500).WithMessage("Use at most 500 characters.");
}

public sealed class GiveBackHeldPaymentHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, ILiveEvents live)
    : IRequestHandler<GiveBackHeldPayment, Unit>
{
    public async Task<Unit> Handle(GiveBackHeldPayment request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var held = await db.HeldPayments.AsNoTracking().Where(h => h.Id == request.HeldPaymentId).Select(h => new { h.ClientId, h.Status }).FirstOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException("There is no such held payment.");
        var now = clock.UtcNow;
        var note = request.Note!.Trim();
        var closed = await db.HeldPayments.Where(h => h.Id == request.HeldPaymentId && h.Status == HeldPaymentStatus.Held)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HeldPaymentStatus.Refunded).SetProperty(h => h.ResolvedAt, now)
                .SetProperty(h => h.ResolvedByStaffId, actors.Current.StaffId).SetProperty(h => h.ResolutionNote, note), cancellationToken);
        if (closed == 0)
            throw new RuleViolationException($"This payment is not held any more: it was {(held.Status == HeldPaymentStatus.Held ? "applied or given back meanwhile" : held.Status.ToString().ToLowerInvariant() + " already")}.");
        await live.PublishAsync(new LiveEvent(DocumentTopics.Documents, held.ClientId.ToString(), now), cancellationToken);
        return Unit.Value;
    }
}
