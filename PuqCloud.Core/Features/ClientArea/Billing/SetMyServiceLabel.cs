using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>Names one of the client's services (a blank label removes it); the same label staff set with <see cref="UpdateService"/>.</summary>
[ClientMember(ClientPermissions.ManageServices)]
public sealed record SetMyServiceLabel(Guid ClientId, Guid ServiceId, string? Label) : ICommand<ServiceDetails>, IClientScoped;

public sealed class SetMyServiceLabelValidator : AbstractValidator<SetMyServiceLabel>
{
    public SetMyServiceLabelValidator() => RuleFor(x => x.Label).ServiceLabel();
}

public sealed class SetMyServiceLabelHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<SetMyServiceLabel, ServiceDetails>
{
    public async Task<ServiceDetails> Handle(SetMyServiceLabel request, CancellationToken cancellationToken) =>
        MyBillingRules.ForClient(await ServiceRules.ChangeAsync(contexts, request.ServiceId, clock, signal, live, (_, service, _, _) =>
        {
            MyBillingRules.EnsureServiceOf(service, request.ClientId);
            service.Label = ServiceRules.LabelOf(request.Label);
            return Task.CompletedTask;
        }, cancellationToken, MyBillingRules.NoSuchService));
}
