using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>Suspends an active service: the time it used that billing has not charged yet is charged, billing stops and the module's suspend is queued.</summary>
[RequiresPermission(Permissions.ServicesManage)]
public sealed record SuspendService(Guid Id, string? Reason = null) : ICommand<ServiceDetails>;

public sealed class SuspendServiceValidator : AbstractValidator<SuspendService>
{
    public SuspendServiceValidator()
    {
        RuleFor(x => x.Reason).MaximumLength(200);
        // Billing's own reason: a suspension staff give it would be lifted by the schedule as soon as funds cover the service.
        RuleFor(x => x.Reason).Must(r => !string.Equals(r?.Trim(), SuspensionReasons.FundsShort, StringComparison.OrdinalIgnoreCase))
            .WithMessage($"\"{SuspensionReasons.FundsShort}\" is the reason billing gives; say why you suspend it (the schedule lifts that one once funds cover the service).");
    }
}

public sealed class SuspendServiceHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<SuspendService, ServiceDetails>
{
    public Task<ServiceDetails> Handle(SuspendService request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live,
            (db, service, plan, now) => ServiceSteps.SuspendByStaffAsync(db, service, plan,
                string.IsNullOrWhiteSpace(request.Reason) ? "by staff" : request.Reason.Trim(), now, ServiceRules.ActorName(actors), cancellationToken),
            cancellationToken);
}
