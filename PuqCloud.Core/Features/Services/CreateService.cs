using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>
/// Staff order a service for a client: a product, one of its prices in the client's currency, and at most one option
/// per option group of the product. It starts pending (the Service tab's "Create pending services" starts it when the
/// balance covers the setup fee and the first charge), or at once with <see cref="StartNow"/>, which is refused
/// as a whole when the balance does not cover them. The order itself is <see cref="ServiceSteps.OrderAsync"/>, the step the
/// client area's order shares (one unit of a stock-controlled product is taken by the database).
/// </summary>
[RequiresPermission(Permissions.ServicesCreate)]
public sealed record CreateService(Guid ClientId, Guid ProductId, Guid ProductPriceId, IReadOnlyList<Guid>? OptionIds = null, string? Label = null, bool StartNow = false)
    : ICommand<ServiceDetails>;

public sealed class CreateServiceValidator : AbstractValidator<CreateService>
{
    public CreateServiceValidator()
    {
        RuleFor(x => x.ClientId).NotEmpty().WithMessage("Choose a client.");
        RuleFor(x => x.ProductId).NotEmpty().WithMessage("Choose a product.");
        RuleFor(x => x.ProductPriceId).NotEmpty().WithMessage("Choose a price.");
        RuleFor(x => x.Label).MaximumLength(100).WithMessage("Use at most 100 characters.");
    }
}

public sealed class CreateServiceHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<CreateService, ServiceDetails>
{
    public async Task<ServiceDetails> Handle(CreateService request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        Guid id;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var actor = ServiceRules.ActorName(actors);
            var service = await ServiceSteps.OrderAsync(db, new ServiceSteps.ServiceOrder(request.ClientId, request.ProductId, request.ProductPriceId, request.OptionIds ?? [], request.Label),
                now, "Ordered by staff.", actor, cancellationToken);
            if (request.StartNow)
            {
                await ServiceSteps.ActivateAsync(db, service, await BillingData.PlanAsync(db, service.Id, cancellationToken), now, actor, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            id = service.Id;
        }
        signal.Notify();
        await live.PublishAsync(new LiveEvent(ServiceTopics.Services, request.ClientId.ToString(), now), cancellationToken);
        return await ServiceRules.DetailsAsync(contexts, id, clock, cancellationToken);
    }
}
