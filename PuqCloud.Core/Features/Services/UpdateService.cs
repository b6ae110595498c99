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

/// <summary>Changes a service's label and manual mode (automation leaves a manual service alone; charges still run).</summary>
[RequiresPermission(Permissions.ServicesEdit)]
public sealed record UpdateService(Guid Id, string? Label, bool IsManual) : ICommand<ServiceDetails>;

public sealed class UpdateServiceValidator : AbstractValidator<UpdateService>
{
    public UpdateServiceValidator() => RuleFor(x => x.Label).ServiceLabel();
}

public sealed class UpdateServiceHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<UpdateService, ServiceDetails>
{
    public Task<ServiceDetails> Handle(UpdateService request, CancellationToken cancellationToken) =>
        ServiceRules.ChangeAsync(contexts, request.Id, clock, signal, live, (db, service, _, now) =>
        {
            var label = ServiceRules.LabelOf(request.Label);
            if (service.IsManual != request.IsManual)
                ServiceSteps.Record(db, service, request.IsManual ? "Manual" : "Automatic",
                    request.IsManual ? "Set to manual: automation leaves the service alone." : "Back to automatic.", ServiceRules.ActorName(actors), now);
            service.Label = label;
            service.IsManual = request.IsManual;
            return Task.CompletedTask;
        }, cancellationToken);
}
