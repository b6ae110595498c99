using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// A member who may order places an order: a pending service of the client, made by the very step staff's
/// <see cref="CreateService"/> uses (<see cref="ServiceSteps.OrderAsync"/>: the price in the client's currency, the options,
/// one unit of stock taken by the database), with "Ordered by …" naming the user in its history. The product must be one
/// the client may order (<see cref="OrderRules.IsOrderable"/>; a hidden one by its link). Nothing is charged here: the
/// "Create pending services" schedule starts the service once the balance and credit limit cover its setup fee and first
/// charge, after the client's earlier orders still waiting. A closed or fraud-flagged client cannot order.
/// With an <see cref="OrderKey"/> (the client API's Idempotency-Key) the order is placed once: the same key again answers
/// the service it made, and refuses a different order under it.
/// </summary>
[ClientMember(ClientPermissions.ManageOrders)]
public sealed record PlaceMyOrder(Guid ClientId, Guid ProductId, Guid ProductPriceId, IReadOnlyList<Guid>? OptionIds = null, string? Label = null, string? OrderKey = null)
    : ICommand<ServiceDetails>, IClientScoped;

public sealed class PlaceMyOrderValidator : AbstractValidator<PlaceMyOrder>
{
    public PlaceMyOrderValidator()
    {
        RuleFor(x => x.ProductId).NotEmpty().WithMessage("Choose a product.");
        RuleFor(x => x.ProductPriceId).NotEmpty().WithMessage("Choose a price.");
        RuleFor(x => x.Label).ServiceLabel();
        RuleFor(x => x.OrderKey).MaximumLength(100).WithMessage("Use an order key of at most 100 characters.");
    }
}

public sealed class PlaceMyOrderHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, ILiveEvents live)
    : IRequestHandler<PlaceMyOrder, ServiceDetails>
{
    public async Task<ServiceDetails> Handle(PlaceMyOrder request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        Guid id;
        Guid? repeated = null;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (request.OrderKey is { Length: > 0 } key)
            {
                // The client's row first, as the order takes it: a retry racing the first try waits for it and finds its service.
                await ClientQueue.JoinAsync(db, request.ClientId, cancellationToken);
                var placed = await db.Services.AsNoTracking().Where(s => s.ClientId == request.ClientId && s.OrderKey == key)
                    .Select(s => new { s.Id, s.ProductId, s.ProductPriceId, s.Label, Options = s.Options.Select(o => o.ProductOptionId).ToList() })
                    .FirstOrDefaultAsync(cancellationToken);
                if (placed is not null)
                {
                    // The same order sent again, whatever became of it since (started, cancelled); anything else under the key is another order.
                    if (placed.ProductId != request.ProductId || placed.ProductPriceId != request.ProductPriceId || placed.Label != ServiceRules.LabelOf(request.Label)
                        || !placed.Options.ToHashSet().SetEquals(request.OptionIds ?? []))
                        throw new RuleViolationException("This order key was used for another order: send a new key for a new order.");
                    repeated = placed.Id;
                }
            }
            if (repeated is { } earlier)
                id = earlier;
            else
            {
                var buyer = await OrderRules.BuyerAsync(db, request.ClientId, cancellationToken);
                if (buyer.Status is ClientStatus.Closed or ClientStatus.Fraud) throw new RuleViolationException(OrderRules.AccountClosed);
                await OrderRules.ProductAsync(db, request.ProductId, cancellationToken);
                var userId = actors.Current.ClientUserId;
                var user = await db.ClientUsers.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.FirstName, u.LastName, u.Email }).FirstOrDefaultAsync(cancellationToken);
                var who = user is null ? "a client user" : $"{$"{user.FirstName} {user.LastName}".Trim()} ({user.Email})".TrimStart();
                var service = await ServiceSteps.OrderAsync(db, new ServiceSteps.ServiceOrder(request.ClientId, request.ProductId, request.ProductPriceId, request.OptionIds ?? [], request.Label,
                        string.IsNullOrEmpty(request.OrderKey) ? null : request.OrderKey),
                    now, $"Ordered by {who} in the client area.", ServiceRules.ActorName(actors), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                id = service.Id;
            }
        }
        if (repeated is null) await live.PublishAsync(new LiveEvent(ServiceTopics.Services, request.ClientId.ToString(), now), cancellationToken);
        return MyBillingRules.ForClient(await ServiceRules.DetailsAsync(contexts, id, clock, cancellationToken));
    }
}
