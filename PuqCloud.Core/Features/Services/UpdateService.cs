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

/// <summary>
/// Changes a service's label and manual mode (automation leaves a manual service alone; charges still run). Only what is
/// given changes: a null keeps the stored value ("" empties the label), so a form saving one field does not write back the
/// other as it read it (a colleague's switch to manual, a label the client set meanwhile).
/// </summary>
[RequiresPermission(Permissions.ServicesEdit)]
public sealed record UpdateService(Guid Id, string? Label, bool? IsManual) : ICommand<ServiceDetails>;

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
            if (request.Label is not null) service.Label = ServiceRules.LabelOf(request.Label);
            if (request.IsManual is { } manual && service.IsManual != manual)
            {
                ServiceSteps.Record(db, service, manual ? "Manual" : "Automatic",
                    manual ? "Set to manual: automation leaves the service alone." : "Back to automatic.", ServiceRules.ActorName(actors), now);
                service.IsManual = manual;
            }
            return Task.CompletedTask;
        }, cancellationToken);
}
